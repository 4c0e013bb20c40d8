import { fillTemplate } from './format.ts';

/** Strings of the guided training tour, zh first. Step keys are `tour.<step id>.title` and `.text`. */
export const TOUR_MESSAGES = {
  'tour.button': { zh: '导览', en: 'Tour' },
  'tour.buttonTitle': {
    zh: '培训导览：按步骤认识主要功能',
    en: 'Training tour: the main features step by step',
  },
  'tour.offer': { zh: '第一次使用？跟着导览走一遍', en: 'New here? Take the tour' },
  'tour.offerStart': { zh: '开始导览', en: 'Start tour' },
  'tour.offerLater': { zh: '不用了', en: 'No thanks' },
  'tour.progress': { zh: '第 {i} 步，共 {n} 步', en: 'Step {i} of {n}' },
  'tour.prev': { zh: '上一步', en: 'Back' },
  'tour.next': { zh: '下一步', en: 'Next' },
  'tour.finish': { zh: '完成', en: 'Finish' },
  'tour.skip': { zh: '跳过', en: 'Skip' },
  'tour.sample.title': { zh: '打开示例项目', en: 'Open the sample project' },
  'tour.sample.text': {
    zh: '点「打开示例项目」载入北海示例：生态保护红线、自然保护地、行政区划和两期影像。示例数据仅供培训，不是官方红线。',
    en: 'Click “Open sample project” to load the Beihai sample: red lines, nature reserves, administrative areas and two dates of imagery. The sample is for training and is not an official red line.',
  },
  'tour.layers.title': { zh: '图层', en: 'Layers' },
  'tour.layers.text': {
    zh: '这里列出载入的矢量图层。勾选可显示或隐藏，「缩放至图层」把地图移到图层范围；图层类型可以改。',
    en: 'The vector layers loaded so far. Tick to show or hide, “Zoom to layer” moves the map to it; the layer type can be changed.',
  },
  'tour.compare.title': { zh: '对比两期影像', en: 'Compare the two images' },
  'tour.compare.text': {
    zh: '选「卷帘」后在地图上拖动分隔线，对照前后两期影像；「并排」把两期左右同步显示。',
    en: 'Choose “Swipe” and drag the divider on the map to compare the earlier and later image; “Side by side” shows both in step.',
  },
  'tour.detect.title': { zh: '变化检测', en: 'Change detection' },
  'tour.detect.text': {
    zh: '选前期（T1）和后期（T2）影像、最小图斑面积和灵敏度，点「运行检测」。检测在后台分块进行，随时可以取消。',
    en: 'Pick the earlier (T1) and later (T2) image, the minimum patch area and the sensitivity, then “Run detection”. It runs in the background in blocks and can be cancelled at any time.',
  },
  'tour.review.title': { zh: '会商审核', en: 'Review session' },
  'tour.review.text': {
    zh: '点「会商审核」逐个审看图斑：J/K 上下翻，Y 确认，N 排除并选原因，M 写备注，U 撤销上一次决定。',
    en: 'Click “Review session” to go through the patches: J/K to move, Y to confirm, N to reject with a reason, M for a note, U to undo the last decision.',
  },
  'tour.ledger.title': { zh: '问题台账', en: 'Case ledger' },
  'tour.ledger.text': {
    zh: '确认的图斑成为问题，按阶段办理：移交查处、核实反馈、督促整改、复核、销号。逾期的到期日标红，每一步都留有记录。',
    en: 'Confirmed patches become cases, handled stage by stage: hand-over, verification, rectification, re-check, close-out. Overdue dates turn red and every step is recorded.',
  },
  'tour.exports.title': { zh: '导出', en: 'Export' },
  'tour.exports.text': {
    zh: '导出附件 1–5 的清单和函件、图斑核查单、GeoJSON/GeoParquet 和案件包；同事的案件包也从这里导入。',
    en: 'Export the lists and letters of annexes 1–5, verification sheets, GeoJSON/GeoParquet and the case bundle; a colleague’s bundle is imported here too.',
  },
  'tour.notebook.title': { zh: '笔记本', en: 'Notebook' },
  'tour.notebook.text': {
    zh: '用文字、SQL、地图、图表和指标单元做叠加分析和保护成效评估。示例项目带有一本入门笔记本。',
    en: 'Text, SQL, map, chart and indicator cells for overlay analysis and protection assessment. The sample project comes with a starter notebook.',
  },
  'tour.restart.title': { zh: '随时再看一遍', en: 'Again any time' },
  'tour.restart.text': {
    zh: '导览到此结束。需要时点页眉的「导览」重新开始。',
    en: 'That is the whole tour. Click “Tour” in the header to start it again.',
  },
} as const;

export type TourMessageKey = keyof typeof TOUR_MESSAGES;

/** The message of a key in a locale, with `{name}` parameters filled. */
export function tourMessage(
  key: TourMessageKey,
  locale: 'zh' | 'en',
  params?: Record<string, string | number>,
): string {
  return fillTemplate(TOUR_MESSAGES[key][locale], params);
}

/** The title and text keys of a step (each step id has both; a unit test checks it). */
export function stepKeys(id: string): { title: TourMessageKey; text: TourMessageKey } {
  return { title: `tour.${id}.title` as TourMessageKey, text: `tour.${id}.text` as TourMessageKey };
}
