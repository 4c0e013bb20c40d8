/**
 * Labels of long-running work in the status bar (imports, detection, outline edits, saves) and the phases a
 * detection reports, zh default and en. They are read through `t(key)` of i18n.svelte.ts.
 */

const zh = {
  'job.layer': '图层 {label}',
  'job.drawnPatch': '手绘图斑',
  'job.detection': '变化检测',
  'job.outlineEdit': '修改图斑边界',
  'job.split': '拆分图斑',
  'job.merge': '合并图斑',
  'job.sample': '示例项目 {name}',
  'job.saveImagery': '保存影像 {name}',
  'job.phase.calibrate': '辐射归一化',
  'job.phase.tiles': '分块 {done}/{total}',
  'job.phase.finish': '拼接图斑',
  'job.phase.attributes': '属性计算',
} as const;

export type JobMessageKey = keyof typeof zh;

const en: Record<JobMessageKey, string> = {
  'job.layer': 'Layer {label}',
  'job.drawnPatch': 'Drawn patch',
  'job.detection': 'Change detection',
  'job.outlineEdit': 'Edit patch outline',
  'job.split': 'Split patch',
  'job.merge': 'Merge patches',
  'job.sample': 'Sample project {name}',
  'job.saveImagery': 'Save imagery {name}',
  'job.phase.calibrate': 'Radiometric normalisation',
  'job.phase.tiles': 'Tiles {done}/{total}',
  'job.phase.finish': 'Joining patches',
  'job.phase.attributes': 'Patch attributes',
};

/** This feature's part of the catalog that `t` reads (src/i18n/catalog.ts). */
export const JOB_MESSAGES: Record<'zh' | 'en', Record<JobMessageKey, string>> = { zh, en };
