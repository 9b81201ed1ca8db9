import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreDialect } from '../../search/search-index.js';

/** Letters, their items, drugs, citations and reviewer facets, with indexes for every filter. */
export function coreTables(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('letters')
        .addColumn('id', 'integer', (c) => dialect.autoId(c))
        .addColumn('content_hash', 'text', (c) => c.notNull().unique())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('layout', 'text', (c) => c.notNull())
        .addColumn('case_number', 'text')
        .addColumn('priority', 'text')
        .addColumn('date_assigned', 'text')
        .addColumn('date_decision', 'text')
        .addColumn('date_ur_denial', 'text')
        .addColumn('date_application_received', 'text')
        .addColumn('injury_dates', 'text', (c) => c.notNull())
        .addColumn('patient_age', 'integer')
        .addColumn('patient_sex', 'text')
        .addColumn('reviewer', 'text', (c) => c.notNull())
        .addColumn('clinical_summary', 'text', (c) => c.notNull())
        .addColumn('original_text', 'text', (c) => c.notNull())
        .addColumn('original_format', 'text', (c) => c.notNull().check(sql`original_format in ('txt', 'md', 'html', 'pdf')`))
        .addColumn('parsed', 'text', (c) => c.notNull())
        .addColumn('year', 'integer')
        .addColumn('ingested_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('letters_case_number').on('letters').column('case_number').execute();
      await db.schema.createIndex('letters_date_decision').on('letters').column('date_decision').execute();
      await db.schema.createIndex('letters_year').on('letters').column('year').execute();

      await db.schema
        .createTable('letter_specialties')
        .addColumn('letter_id', 'integer', (c) => c.notNull().references('letters.id').onDelete('cascade'))
        .addColumn('specialty', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('board', 'sub')`))
        .addPrimaryKeyConstraint('letter_specialties_pk', ['letter_id', 'kind', 'specialty'])
        .execute();
      await db.schema.createIndex('letter_specialties_specialty').on('letter_specialties').column('specialty').execute();

      await db.schema
        .createTable('letter_states')
        .addColumn('letter_id', 'integer', (c) => c.notNull().references('letters.id').onDelete('cascade'))
        .addColumn('state', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('letter_states_pk', ['letter_id', 'state'])
        .execute();
      await db.schema.createIndex('letter_states_state').on('letter_states').column('state').execute();

      await db.schema
        .createTable('items')
        .addColumn('id', 'integer', (c) => dialect.autoId(c))
        .addColumn('letter_id', 'integer', (c) => c.notNull().references('letters.id').onDelete('cascade'))
        .addColumn('idx', 'integer', (c) => c.notNull())
        .addColumn('request', 'text', (c) => c.notNull())
        .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('upheld', 'overturned')`))
        .addColumn('medically_necessary', 'integer', (c) => c.notNull().check(sql`medically_necessary in (0, 1)`))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('drug_class', 'text')
        .addColumn('treatment_name', 'text', (c) => c.notNull())
        .addColumn('rationale', 'text', (c) => c.notNull())
        .addUniqueConstraint('items_letter_idx', ['letter_id', 'idx'])
        .execute();
      await db.schema.createIndex('items_decision').on('items').column('decision').execute();
      await db.schema.createIndex('items_category').on('items').column('category').execute();
      await db.schema.createIndex('items_drug_class').on('items').column('drug_class').execute();

      await db.schema
        .createTable('item_drugs')
        .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id').onDelete('cascade'))
        .addColumn('generic', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('item_drugs_pk', ['item_id', 'generic'])
        .execute();
      await db.schema.createIndex('item_drugs_generic').on('item_drugs').column('generic').execute();

      await db.schema
        .createTable('citations')
        .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('imr', 'claims')`))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('sections', 'text', (c) => c.notNull())
        .addColumn('pages', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('citations_pk', ['item_id', 'role', 'position'])
        .execute();
      await db.schema.createIndex('citations_document').on('citations').column('document').execute();
    },
    async down(db: Kysely<any>) {
      for (const t of ['citations', 'item_drugs', 'items', 'letter_states', 'letter_specialties', 'letters']) {
        await db.schema.dropTable(t).ifExists().execute();
      }
    },
  };
}
