import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { migrateScenes, type LegacySceneFields, type PeriodFields } from '../core/imagery/periods.ts';

export const DB_NAME = 'redline-notebook';

/** A project: one province or county, one monitoring period. */
export interface ProjectRecord {
  schemaVersion: 1;
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  /** Set when the project was created from a bundled sample (e.g. 'beihai'). */
  sample?: string;
  /** False from a sample project's creation until its last file is stored: a reload in between leaves it unfinished. */
  sampleReady?: boolean;
}

/** A small key/value setting (actor name, device id, last opened project…). */
export interface SettingRecord {
  schemaVersion: 1;
  key: string;
  value: unknown;
}

/** Any record with a project: layers, scenes, events… later issues add stores through new upgrades. */
export interface ProjectScopedRecord {
  schemaVersion: number;
  id: string;
  projectId: string;
  [field: string]: unknown;
}

export interface RedlineDB extends DBSchema {
  projects: { key: string; value: ProjectRecord };
  settings: { key: string; value: SettingRecord };
  layers: { key: string; value: ProjectScopedRecord; indexes: { byProject: string } };
  scenes: { key: string; value: ProjectScopedRecord; indexes: { byProject: string } };
  events: { key: string; value: ProjectScopedRecord; indexes: { byProject: string } };
  notebooks: { key: string; value: ProjectScopedRecord; indexes: { byProject: string } };
  runs: { key: string; value: ProjectScopedRecord; indexes: { byProject: string } };
  patches: { key: string; value: ProjectScopedRecord; indexes: { byProject: string } };
  periods: { key: string; value: PeriodFields; indexes: { byProject: string } };
}

type UpgradeTx = IDBPTransaction<RedlineDB, StoreNames<RedlineDB>[], 'versionchange'>;
type Upgrade = (db: IDBPDatabase<RedlineDB>, tx: UpgradeTx) => void;

/**
 * Numbered upgrades: entry i takes the database from version i to i+1. Never edit a shipped entry; append one.
 */
export const UPGRADES: readonly Upgrade[] = [
  (db) => {
    db.createObjectStore('projects', { keyPath: 'id' });
    db.createObjectStore('settings', { keyPath: 'key' });
  },
  (db) => {
    for (const name of ['layers', 'scenes', 'events', 'notebooks'] as const) {
      const store = db.createObjectStore(name, { keyPath: 'id' });
      store.createIndex('byProject', 'projectId');
    }
  },
  (db) => {
    for (const name of ['runs', 'patches'] as const) {
      const store = db.createObjectStore(name, { keyPath: 'id' });
      store.createIndex('byProject', 'projectId');
    }
  },
  (db, tx) => {
    db.createObjectStore('periods', { keyPath: 'id' }).createIndex('byProject', 'projectId');
    // Scenes stored as one T1 and one T2 become a period each, in this same transaction: all or nothing.
    const scenes = tx.objectStore('scenes');
    void scenes.getAll().then((records) => {
      const now = new Date().toISOString();
      const migrated = migrateScenes(
        records as unknown as LegacySceneFields[],
        () => crypto.randomUUID(),
        now,
      );
      for (const period of migrated.periods) void tx.objectStore('periods').put(period);
      for (const scene of migrated.scenes) void scenes.put(scene as unknown as ProjectScopedRecord);
    });
  },
];

let opening: Promise<IDBPDatabase<RedlineDB>> | null = null;

/** Open (and upgrade) the app database once per page. */
export function openStore(): Promise<IDBPDatabase<RedlineDB>> {
  if (!opening) {
    opening = openDB<RedlineDB>(DB_NAME, UPGRADES.length, {
      upgrade(db, oldVersion, _newVersion, tx) {
        for (let version = oldVersion; version < UPGRADES.length; version += 1) UPGRADES[version]?.(db, tx);
      },
      blocking() {
        // Another tab wants a newer schema: let it proceed; this tab reloads on its next open.
        void opening?.then((db) => db.close());
        opening = null;
      },
    }).catch((error: unknown) => {
      opening = null;
      throw error;
    });
  }
  return opening;
}
