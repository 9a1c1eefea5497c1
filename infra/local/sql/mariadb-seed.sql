-- Seed of the stack's own MariaDB (port 3307): order-management side of the commerce domain.
CREATE DATABASE IF NOT EXISTS commerce;
USE commerce;
CREATE TABLE IF NOT EXISTS customers (
  id INT PRIMARY KEY AUTO_INCREMENT,
  email VARCHAR(120) NOT NULL UNIQUE,
  full_name VARCHAR(120) NOT NULL,
  segment CHAR(8) NOT NULL DEFAULT 'std',
  is_vip TINYINT(1) NOT NULL DEFAULT 0,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
);
CREATE TABLE IF NOT EXISTS orders (
  id BIGINT PRIMARY KEY AUTO_INCREMENT,
  customer_id INT NOT NULL,
  status VARCHAR(16) NOT NULL,
  amount DECIMAL(12,2) NOT NULL,
  currency CHAR(3) NOT NULL DEFAULT 'EUR',
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY idx_orders_customer (customer_id)
);
CREATE TABLE IF NOT EXISTS inventory (
  sku VARCHAR(32) PRIMARY KEY,
  warehouse VARCHAR(16) NOT NULL,
  quantity INT NOT NULL,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
);
INSERT IGNORE INTO customers (id, email, full_name, segment, is_vip) VALUES
  (1,'ana@example.com','Ana Lima','gold',1),(2,'bo@example.com','Bo Chen','std',0),
  (3,'cy@example.com','Cy Nguyen','std',0),(4,'di@example.com','Di Tran','silver',0);
INSERT IGNORE INTO orders (id, customer_id, status, amount) VALUES
  (1,1,'PAID',120.50),(2,2,'NEW',35.00),(3,3,'SHIPPED',89.90),(4,1,'NEW',12.00);
INSERT IGNORE INTO inventory (sku, warehouse, quantity) VALUES
  ('SKU-1','HAN',100),('SKU-2','HAN',40),('SKU-3','SGN',7);
-- CDC user for Debezium's MariaDB connector
CREATE USER IF NOT EXISTS 'cdc'@'127.0.0.1' IDENTIFIED BY '@CDC_PASSWORD@';
CREATE USER IF NOT EXISTS 'cdc'@'localhost' IDENTIFIED BY '@CDC_PASSWORD@';
GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT, BINLOG MONITOR ON *.* TO 'cdc'@'127.0.0.1';
GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT, BINLOG MONITOR ON *.* TO 'cdc'@'localhost';
FLUSH PRIVILEGES;
-- Read-only user of Trino's catalog `commerce_mariadb` (the portal's source pickers list tables and
-- columns through it): SELECT on the commerce database only, password from the stack's secrets.
CREATE USER IF NOT EXISTS 'portal_reader'@'127.0.0.1' IDENTIFIED BY '@SOURCE_READER_PASSWORD@';
CREATE USER IF NOT EXISTS 'portal_reader'@'localhost' IDENTIFIED BY '@SOURCE_READER_PASSWORD@';
ALTER USER 'portal_reader'@'127.0.0.1' IDENTIFIED BY '@SOURCE_READER_PASSWORD@';
ALTER USER 'portal_reader'@'localhost' IDENTIFIED BY '@SOURCE_READER_PASSWORD@';
GRANT SELECT ON commerce.* TO 'portal_reader'@'127.0.0.1';
GRANT SELECT ON commerce.* TO 'portal_reader'@'localhost';
FLUSH PRIVILEGES;
