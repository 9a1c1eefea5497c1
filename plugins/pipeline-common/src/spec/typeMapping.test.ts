import {
  columnTypeProblem,
  mapColumnType,
  parseSourceType,
  SourceDialect,
  TypeMappingOption,
} from './typeMapping';

const map = (
  dialect: SourceDialect,
  type: string,
  options: TypeMappingOption[] = [],
) =>
  mapColumnType(dialect, { type, nullable: true, primaryKey: false }, options);

describe('parseSourceType', () => {
  it('splits base, precision and unsigned', () => {
    expect(parseSourceType('DECIMAL(12, 2)')).toEqual({
      base: 'decimal',
      params: [12, 2],
      unsigned: false,
    });
    expect(parseSourceType('int unsigned zerofill')).toEqual({
      base: 'int',
      params: [],
      unsigned: true,
    });
    expect(parseSourceType('timestamp(3) with time zone')).toEqual({
      base: 'timestamp with time zone',
      params: [3],
      unsigned: false,
    });
  });

  it.each(['', 'int;drop', "varchar(1)'", 'decimal(1,2,3)', '(1)', 'int\n'])(
    'rejects %j',
    type => {
      expect(parseSourceType(type)).toBeUndefined();
    },
  );
});

describe('MariaDB/MySQL → Flink/Paimon', () => {
  it.each([
    ['BIGINT', [], 'BIGINT'],
    ['INT', [], 'INT'],
    ['int unsigned', [], 'BIGINT'],
    ['smallint unsigned', [], 'INT'],
    ['tinyint unsigned', [], 'SMALLINT'],
    ['mediumint', [], 'INT'],
    ['bigint unsigned', [], 'DECIMAL(20, 0)'],
    ['bigint unsigned', ['bigint-unsigned-to-bigint'], 'BIGINT'],
    ['tinyint(1)', [], 'BOOLEAN'],
    ['tinyint(1)', ['tinyint1-not-bool'], 'TINYINT'],
    ['tinyint(4)', [], 'TINYINT'],
    ['bit(1)', [], 'BOOLEAN'],
    ['bit(12)', [], 'BINARY(2)'],
    ['DECIMAL(12,2)', [], 'DECIMAL(12, 2)'],
    ['decimal(65,2)', [], 'STRING'],
    ['float', [], 'FLOAT'],
    ['double', [], 'DOUBLE'],
    ['VARCHAR(16)', [], 'VARCHAR(16)'],
    ['VARCHAR(16)', ['char-to-string'], 'STRING'],
    ['CHAR(3)', [], 'CHAR(3)'],
    ['CHAR(3)', ['char-to-string'], 'STRING'],
    ['text', [], 'STRING'],
    ['longtext', [], 'STRING'],
    ['longtext', ['longtext-to-bytes'], 'BYTES'],
    ['json', [], 'STRING'],
    ['enum', [], 'STRING'],
    ['blob', [], 'BYTES'],
    ['varbinary(8)', [], 'VARBINARY(8)'],
    ['date', [], 'DATE'],
    ['datetime(3)', [], 'TIMESTAMP(3)'],
    ['datetime', [], 'TIMESTAMP(0)'],
    ['TIMESTAMP', [], 'TIMESTAMP(6)'],
    ['year', [], 'INT'],
    ['INT', ['to-string'], 'STRING'],
    ['INT', ['allow-non-string-to-string'], 'INT'],
  ] as [string, TypeMappingOption[], string][])(
    '%s with %j → %s',
    (type, options, expected) => {
      expect(map('mysql', type, options)).toBe(expected);
    },
  );
});

describe('PostgreSQL → Flink/Paimon', () => {
  it.each([
    ['integer', 'INT'],
    ['bigint', 'BIGINT'],
    ['bigserial', 'BIGINT'],
    ['smallint', 'SMALLINT'],
    ['boolean', 'BOOLEAN'],
    ['numeric(10,2)', 'DECIMAL(10, 2)'],
    ['numeric', 'DECIMAL(38, 18)'],
    ['real', 'FLOAT'],
    ['double precision', 'DOUBLE'],
    ['character varying(20)', 'VARCHAR(20)'],
    ['varchar', 'STRING'],
    ['char(2)', 'CHAR(2)'],
    ['text', 'STRING'],
    ['jsonb', 'STRING'],
    ['uuid', 'STRING'],
    ['bytea', 'BYTES'],
    ['date', 'DATE'],
    ['timestamp', 'TIMESTAMP(6)'],
    ['timestamp(3) without time zone', 'TIMESTAMP(3)'],
    ['timestamptz', 'TIMESTAMP(6)'],
    ['timestamp with time zone', 'TIMESTAMP(6)'],
  ])('%s → %s', (type, expected) => {
    expect(map('postgres', type)).toBe(expected);
  });

  it('char-to-string applies to PostgreSQL too', () => {
    expect(map('postgres', 'character varying(20)', ['char-to-string'])).toBe(
      'STRING',
    );
  });
});

describe('nullability', () => {
  it('keeps NOT NULL unless to-nullable, and always on primary keys', () => {
    const col = { type: 'INT', nullable: false, primaryKey: false };
    expect(mapColumnType('mysql', col)).toBe('INT NOT NULL');
    expect(mapColumnType('mysql', col, ['to-nullable'])).toBe('INT');
    expect(
      mapColumnType('mysql', { ...col, primaryKey: true }, ['to-nullable']),
    ).toBe('INT NOT NULL');
    expect(mapColumnType('mysql', { ...col, nullable: true })).toBe('INT');
  });
});

describe('columnTypeProblem', () => {
  it('names unsupported and malformed types', () => {
    expect(columnTypeProblem('mysql', 'geometry')).toBe(
      'unsupported mysql column type "geometry"',
    );
    expect(columnTypeProblem('postgres', 'tinyint')).toBe(
      'unsupported postgres column type "tinyint"',
    );
    expect(columnTypeProblem('mysql', 'int; drop')).toBe(
      'malformed column type "int; drop"',
    );
    expect(columnTypeProblem('mysql', 'int')).toBeUndefined();
  });
});
