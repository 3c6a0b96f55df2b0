/** The storage shape of the fake's records, and the audit fields every seeded record carries. */

export type StoredRecord = Record<string, unknown> & { id: number };

/** Records by model name; every array is the live storage. */
export type DataSet = Map<string, StoredRecord[]>;

const SEED_DATE = "2026-01-10 09:00:00";

export function stamp(fields: Record<string, unknown> & { id: number }): StoredRecord {
  return {
    create_date: SEED_DATE,
    create_uid: 2,
    write_date: SEED_DATE,
    write_uid: 2,
    ...fields,
  };
}
