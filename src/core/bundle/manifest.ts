/**
 * The case-bundle manifest (docs/bundle-format.md, docs/bundle.schema.json): format name and version, app
 * version, when and by whom it was made, the project, and the size and SHA-256 of every other entry.
 */
import { z } from 'zod';

export const BUNDLE_FORMAT = 'redline-notebook-bundle';
/** The format version this app writes; it reads this and every older version (through migrations). */
export const BUNDLE_FORMAT_VERSION = 1;
export const MANIFEST_PATH = 'manifest.json';

/** Entry paths: relative, forward slashes, no `..`, printable ASCII (portable across unzip tools). */
export const ENTRY_PATH_RE = /^(?!\/)(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9._\-/]{1,240}$/;

export const ManifestEntrySchema = z.object({
  path: z.string().regex(ENTRY_PATH_RE),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  mediaType: z.string().min(1),
  /** Human-readable name, e.g. 附件3 广西壮族自治区. */
  title: z.string().optional(),
});
export type ManifestEntry = z.infer<typeof ManifestEntrySchema>;

export const ManifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.number().int().positive(),
  appVersion: z.string().min(1),
  created: z.iso.datetime({ offset: true }),
  creator: z.object({ actor: z.string().min(1), device: z.string().min(1) }),
  project: z.object({ id: z.string().min(1), name: z.string(), province: z.string() }),
  counts: z.object({ events: z.number().int().nonnegative(), cases: z.number().int().nonnegative() }),
  entries: z.array(ManifestEntrySchema),
});
export type Manifest = z.infer<typeof ManifestSchema>;

export type BundleErrorCode =
  | 'not_zip'
  | 'unsupported_zip'
  | 'corrupt_zip'
  | 'bad_path'
  | 'no_manifest'
  | 'bad_manifest'
  | 'wrong_format'
  | 'newer_format'
  | 'missing_entry'
  | 'unexpected_entry'
  | 'size_mismatch'
  | 'hash_mismatch'
  | 'too_many_entries'
  | 'too_large'
  | 'ratio'
  | 'bad_entry';

/** Messages a user understands, zh and en, per refusal. */
const MESSAGES: Readonly<Record<BundleErrorCode, [zh: string, en: string]>> = {
  not_zip: ['文件不是有效的案卷包（ZIP）。', 'The file is not a case bundle (ZIP).'],
  unsupported_zip: [
    '案卷包使用了不支持的 ZIP 特性（加密、ZIP64 或其他压缩方法）。',
    'The bundle uses an unsupported ZIP feature (encryption, ZIP64 or another compression method).',
  ],
  corrupt_zip: ['案卷包已损坏（ZIP 结构不一致）。', 'The bundle is corrupt (inconsistent ZIP structure).'],
  bad_path: ['案卷包含有不安全的文件路径。', 'The bundle contains an unsafe file path.'],
  no_manifest: ['案卷包缺少 manifest.json。', 'The bundle has no manifest.json.'],
  bad_manifest: ['案卷包的 manifest.json 无效。', 'The bundle manifest is invalid.'],
  wrong_format: ['这不是红线监管笔记本的案卷包。', 'This is not a Redline Notebook case bundle.'],
  newer_format: [
    '案卷包由更新版本的软件生成，请先升级本软件。',
    'The bundle was made by a newer version of the app: update the app first.',
  ],
  missing_entry: [
    '案卷包缺少清单中列出的文件。',
    'A file listed in the manifest is missing from the bundle.',
  ],
  unexpected_entry: [
    '案卷包含有清单中未列出的文件。',
    'The bundle contains a file the manifest does not list.',
  ],
  size_mismatch: [
    '案卷包中文件大小与清单不符。',
    'A file in the bundle does not have the size the manifest gives.',
  ],
  hash_mismatch: [
    '案卷包中文件校验值（SHA-256）与清单不符，文件可能已被修改或损坏。',
    'A file in the bundle does not match its SHA-256 in the manifest: it was changed or damaged.',
  ],
  too_many_entries: ['案卷包包含的文件过多。', 'The bundle contains too many files.'],
  too_large: [
    '案卷包解压后过大，已拒绝导入。',
    'The bundle would expand to more than the allowed size and was refused.',
  ],
  ratio: [
    '案卷包压缩比异常（疑似压缩炸弹），已拒绝导入。',
    'The bundle has an abnormal compression ratio (a possible zip bomb) and was refused.',
  ],
  bad_entry: ['案卷包中的数据无效。', 'Data in the bundle is invalid.'],
};

/** A refused bundle: `code` for tests and logic, `userMessage()` for the UI, `detail` for the disclosure. */
export class BundleError extends Error {
  override name = 'BundleError';
  constructor(
    readonly code: BundleErrorCode,
    readonly detail: string,
    options?: ErrorOptions,
  ) {
    super(`${MESSAGES[code][1]} (${detail})`, options);
  }
  userMessage(lang: 'zh' | 'en' = 'zh'): string {
    return MESSAGES[this.code][lang === 'zh' ? 0 : 1];
  }
}

/** Limits checked before and while inflating, so a hostile bundle cannot exhaust memory. */
export interface BundleLimits {
  readonly maxEntries: number;
  /** Largest uncompressed entry, bytes. */
  readonly maxEntryBytes: number;
  /** Largest total uncompressed size, bytes. */
  readonly maxTotalBytes: number;
  /** Largest uncompressed / compressed ratio of an entry bigger than `ratioFloorBytes`. */
  readonly maxRatio: number;
  readonly ratioFloorBytes: number;
  readonly maxManifestBytes: number;
}
export const DEFAULT_LIMITS: BundleLimits = {
  maxEntries: 20_000,
  maxEntryBytes: 1024 ** 3,
  maxTotalBytes: 2 * 1024 ** 3,
  maxRatio: 200,
  ratioFloorBytes: 1024 ** 2,
  maxManifestBytes: 16 * 1024 ** 2,
};

/** Validate a parsed manifest: format name, version not newer than this app, schema. */
export function checkManifest(raw: unknown): Manifest {
  if (typeof raw !== 'object' || raw === null) throw new BundleError('bad_manifest', 'not a JSON object');
  const { format, formatVersion } = raw as { format?: unknown; formatVersion?: unknown };
  if (format !== BUNDLE_FORMAT) throw new BundleError('wrong_format', `format ${JSON.stringify(format)}`);
  if (typeof formatVersion === 'number' && formatVersion > BUNDLE_FORMAT_VERSION)
    throw new BundleError('newer_format', `format version ${formatVersion} > ${BUNDLE_FORMAT_VERSION}`);
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new BundleError('bad_manifest', issues, { cause: parsed.error });
  }
  const paths = new Set<string>();
  for (const e of parsed.data.entries) {
    if (e.path === MANIFEST_PATH || paths.has(e.path))
      throw new BundleError('bad_manifest', `duplicate entry ${e.path}`);
    paths.add(e.path);
  }
  return parsed.data;
}

/** JSON Schema (draft 2020-12) of manifest.json, generated from the zod schema (docs/bundle.schema.json). */
export function manifestJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(ManifestSchema, { target: 'draft-2020-12', io: 'input' }) as Record<
    string,
    unknown
  >;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://redline-notebook.local/bundle.schema.json',
    title: 'Redline Notebook case bundle manifest (manifest.json)',
    description: `Format ${BUNDLE_FORMAT} version ${BUNDLE_FORMAT_VERSION}. See docs/bundle-format.md.`,
    ...Object.fromEntries(Object.entries(generated).filter(([k]) => k !== '$schema')),
  };
}
