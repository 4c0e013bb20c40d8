// Writes sample-data/beihai/starter-notebook.rnb.json (run from the repository root: `npx tsx tests/unit/notebook/make-starter.ts`).
// The starter notebook of the workshop: load → detect → review → lists, with SQL cells that run on the sample.
import { writeFileSync } from 'node:fs';
import { migrateNotebook, serializeNotebook } from '../../../src/core/notebook/file.ts';

const T = '2026-01-01T00:00:00.000Z';
const md = (id: string, source: string) => ({ id, kind: 'markdown', source });
const sql = (id: string, source: string, display = 'table') => ({ id, kind: 'sql', source, display });

const cells = [
  md(
    'starter-intro',
    `# 北海示例项目：入门笔记本

这本笔记本带你走一遍红线监管的主线：**载入数据 → 变化检测 → 会商审核 → 清单与评估**。每一步都有可以运行的 SQL 单元，你可以在单元旁边写下自己的判断，下个季度换上新影像后再“全部运行”一次。

> 示例数据，非官方红线：仅用于培训演示，不得作为监管依据。

- 运行一个单元：点 ▶ 运行，或在编辑框里按 Ctrl/⌘ + Enter。
- 运行全部：点上方的“全部运行”。出错的单元会显示 DuckDB 的报错和出错位置，其余单元照常运行。
- 输出变灰、标“已过期”：它依赖的 SQL 或项目数据变了，需要重新运行。`,
  ),
  md(
    'starter-load',
    `## 第一步 载入数据\n\n示例项目已载入三个矢量图层（红线、自然保护地、县级区划）和两期 Sentinel-2 影像（T1 2016-12-09，T2 2018-03-09）。每个图层在 DuckDB 里是 \`layer\` 表的一行，要素在 \`feature\` 表里。`,
  ),
  sql('starter-layers', `SELECT kind, name, feature_count\nFROM layer\nORDER BY kind, name`),
  md(
    'starter-redlines-md',
    `红线要素的属性是 JSON 文本（\`props\`）。离线的 DuckDB-WASM 没有 json 扩展，用 \`regexp_extract\` 取出编号和面积：`,
  ),
  sql(
    'starter-redlines',
    `SELECT regexp_extract(props, '"code":\\s*"([^"]*)"', 1) AS code,\n  CAST(regexp_extract(props, '"area_ha":\\s*([0-9.]+)', 1) AS DOUBLE) AS area_ha\nFROM feature JOIN layer ON layer.id = feature.layer_id\nWHERE layer.kind = 'redline'\nORDER BY area_ha DESC\nLIMIT 10`,
  ),
  {
    id: 'starter-redlines-chart',
    kind: 'chart',
    sourceCellId: 'starter-redlines',
    spec: { type: 'bar', x: 'code', y: ['area_ha'] },
  },
  md(
    'starter-view-md',
    `下面的地图单元保存了示例影像的范围：运行它，地图就回到这里。你也可以移动地图后点“保存当前视图”，记下会商时看的位置。`,
  ),
  { id: 'starter-view', kind: 'map', view: { bbox: [109.4839, 21.5317, 109.556, 21.6159], layerIds: null } },
  md(
    'starter-detect',
    `## 第二步 变化检测\n\n在“图层”页的“变化检测”里选 T1、T2，点“运行检测”。检测只在红线内（扣除自然保护地）进行，每次运行的参数都记录在 \`run\` 表里。运行后再运行下面两个单元：`,
  ),
  sql(
    'starter-runs',
    `SELECT id, t1, t2, status, patch_count, started_at\nFROM run\nORDER BY started_at DESC`,
  ),
  { id: 'starter-run', kind: 'detection', runId: '' },
  md(
    'starter-review',
    `## 第三步 会商审核\n\n在“问题台账”页逐个审核图斑：确认或排除、活动类型、问题类型、备注。每个决定都写入事件日志，\`patch.status\` 跟着变化：`,
  ),
  sql(
    'starter-status',
    `SELECT coalesce(status, '') AS status, count(*) AS patches,\n  round(sum(area_ha), 2) AS area_ha, round(sum(redline_ha), 2) AS redline_ha\nFROM patch\nGROUP BY 1\nORDER BY 1`,
  ),
  sql(
    'starter-patches-map',
    `SELECT id, county, activity_type, round(redline_ha, 3) AS redline_ha, status, geom\nFROM patch\nWHERE coalesce(status, '') <> 'rejected'\nORDER BY redline_ha DESC\nLIMIT 200`,
    'map',
  ),
  md(
    'starter-lists',
    `## 第四步 清单与评估\n\n确认的问题在“导出”页生成附件清单和函件。下面的评估单元按县计算保护成效：红线面积（面积不减少）、人类活动面积和占比（性质不改变）、红线内 T1/T2 平均植被覆盖度（功能不降低）。运行后可以“专题图”上图、“导出 XLSX”。`,
  ),
  {
    id: 'starter-assessment',
    kind: 'indicator',
    config: {
      baselineLayerId: null,
      landCover: null,
      fvc: { t1SceneId: 'T1', t2SceneId: 'T2', soilPercent: 5, vegPercent: 95 },
      patchStages: 'not_rejected',
      fvcTolerance: 0,
      metric: 'fvcChange',
    },
  },
  md('starter-check-md', `评估表里每县的人类活动面积，应当等于直接用 SQL 按县汇总的结果：`),
  sql(
    'starter-check',
    `SELECT county, count(*) AS patches, round(sum(coalesce(redline_ha, area_ha, 0)), 4) AS redline_ha\nFROM patch\nWHERE coalesce(status, '') <> 'rejected'\nGROUP BY county\nORDER BY county`,
  ),
  md(
    'starter-end',
    `## 记录结论\n\n在这里写下会商结论、采用的阈值和理由。笔记本随项目保存在浏览器里；“导出 .rnb.json”可以发给同事，或下个季度在新项目里导入后重新运行。`,
  ),
];

const nb = migrateNotebook({
  schemaVersion: 1,
  id: 'nb-starter-beihai',
  projectId: 'sample',
  name: '入门：北海示例',
  createdAt: T,
  updatedAt: T,
  cells,
  outputs: {},
});
writeFileSync('sample-data/beihai/starter-notebook.rnb.json', serializeNotebook(nb));
console.log('cells', nb.cells.length);
