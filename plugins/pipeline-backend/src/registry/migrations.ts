import type { Knex } from 'knex';

/**
 * The registry's schema, as knex migrations kept in code (no migration files to locate in a
 * built package). Times are ISO-8601 strings and JSON is text, so SQLite (development) and
 * PostgreSQL (production, e2e) store and return the same values.
 */
interface Migration {
  name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

const MIGRATIONS: Migration[] = [
  {
    name: '20261203_01_pipeline_registry',
    async up(knex) {
      await knex.schema.createTable('pipelines', t => {
        // `<namespace>/<name>`: the catalog Component of the same ref stands for it.
        t.string('id', 200).primary();
        t.string('namespace', 63).notNullable();
        t.string('name', 63).notNullable();
        t.string('owner', 200).notNullable();
        t.boolean('platform').notNullable().defaultTo(false);
        t.string('status', 20).notNullable();
        // The spec last deployed (or reserved), as parsed: the registry's source of truth.
        t.text('spec');
        t.string('spec_digest', 64);
        t.string('deployed_at', 32);
        t.string('deployed_by', 200);
        t.string('repository', 500);
        t.string('created_at', 32).notNullable();
        t.string('created_by', 200).notNullable();
        t.string('updated_at', 32).notNullable();
      });
      await knex.schema.createTable('pipeline_objects', t => {
        t.string('kind', 40).notNullable();
        t.string('instance', 63).notNullable();
        t.string('name', 300).notNullable();
        t.string('pipeline_id', 200)
          .notNullable()
          .references('id')
          .inTable('pipelines')
          .onDelete('CASCADE');
        t.string('claimed_at', 32).notNullable();
        t.string('claimed_by', 200).notNullable();
        // One owner per object: a concurrent claim of the same object fails here.
        t.primary(['kind', 'instance', 'name']);
        t.index(['pipeline_id'], 'pipeline_objects_pipeline_idx');
      });
      await knex.schema.createTable('pipeline_locks', t => {
        t.string('pipeline_id', 200).primary();
        t.string('holder', 200).notNullable();
        t.string('operation', 40).notNullable();
        t.string('acquired_at', 32).notNullable();
        t.string('expires_at', 32).notNullable();
      });
      await knex.schema.createTable('pipeline_operations', t => {
        t.increments('id').primary();
        t.string('pipeline_id', 200).notNullable();
        t.string('operation', 40).notNullable();
        t.string('actor', 200).notNullable();
        t.string('started_at', 32).notNullable();
        t.string('finished_at', 32);
        t.string('outcome', 20).notNullable();
        t.string('spec_digest', 64);
        t.string('previous_digest', 64);
        t.text('steps');
        t.text('message');
        t.index(['pipeline_id'], 'pipeline_operations_pipeline_idx');
      });
      await knex.schema.createTable('pipeline_savepoints', t => {
        t.increments('id').primary();
        t.string('pipeline_id', 200).notNullable();
        t.string('job_id', 32).notNullable();
        t.string('location', 1000).notNullable();
        t.string('taken_at', 32).notNullable();
        t.string('reason', 40).notNullable();
        t.string('actor', 200).notNullable();
        t.string('spec_digest', 64);
        t.index(['pipeline_id'], 'pipeline_savepoints_pipeline_idx');
      });
    },
    async down(knex) {
      for (const table of [
        'pipeline_savepoints',
        'pipeline_operations',
        'pipeline_locks',
        'pipeline_objects',
        'pipelines',
      ])
        await knex.schema.dropTableIfExists(table);
    },
  },
  {
    name: '20261203_02_restore_points',
    async up(knex) {
      await knex.schema.createTable('pipeline_restore_points', t => {
        t.increments('id').primary();
        t.string('pipeline_id', 200)
          .notNullable()
          .references('id')
          .inTable('pipelines')
          .onDelete('CASCADE');
        // The Nessie tag; unique, as Nessie's refs are.
        t.string('name', 200).notNullable().unique();
        t.string('created_at', 32).notNullable();
        t.string('created_by', 200).notNullable();
        t.string('spec_digest', 64);
        t.string('job_id', 32).notNullable();
        t.string('savepoint', 1000).notNullable();
        t.string('nessie_hash', 64).notNullable();
        // JSON: [{table, snapshotId, paimonTag}] and [{name, offsets}] as Connect reported them.
        t.text('tables').notNullable();
        t.text('connectors').notNullable();
        t.string('restored_at', 32);
        t.string('restored_by', 200);
        t.index(['pipeline_id'], 'pipeline_restore_points_pipeline_idx');
      });
    },
    async down(knex) {
      await knex.schema.dropTableIfExists('pipeline_restore_points');
    },
  },
];

export async function migrateRegistry(knex: Knex): Promise<void> {
  await knex.migrate.latest({
    tableName: 'pipeline_registry_migrations',
    migrationSource: {
      getMigrations: async () => MIGRATIONS,
      getMigrationName: (m: Migration) => m.name,
      getMigration: async (m: Migration) => m,
    },
  });
}
