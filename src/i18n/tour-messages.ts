/**
 * Strings of the guided training tour (zh default, en), read through `t(key)` of i18n.svelte.ts. Step keys are
 * `tour.<step id>.title` and `.text`.
 */

const zh = {
  'tour.button': '导览',
  'tour.buttonTitle': '培训导览：按步骤认识主要功能',
  'tour.offer': '第一次使用？跟着导览走一遍',
  'tour.offerStart': '开始导览',
  'tour.offerLater': '不用了',
  'tour.progress': '第 {i} 步，共 {n} 步',
  'tour.prev': '上一步',
  'tour.next': '下一步',
  'tour.finish': '完成',
  'tour.skip': '跳过',
  'tour.sample.title': '打开示例项目',
  'tour.sample.text':
    '点「打开示例项目」载入北海示例：生态保护红线、自然保护地、行政区划和两期影像。示例数据仅供培训，不是官方红线。',
  'tour.layers.title': '图层',
  'tour.layers.text':
    '这里列出载入的矢量图层。勾选可显示或隐藏，「缩放至图层」把地图移到图层范围；图层类型可以改。',
  'tour.compare.title': '对比两期影像',
  'tour.compare.text': '选「卷帘」后在地图上拖动分隔线，对照前后两期影像；「并排」把两期左右同步显示。',
  'tour.detect.title': '变化检测',
  'tour.detect.text':
    '选前期（T1）和后期（T2）影像、最小图斑面积和灵敏度，点「运行检测」。检测在后台分块进行，随时可以取消。',
  'tour.review.title': '会商审核',
  'tour.review.text':
    '点「会商审核」逐个审看图斑：J/K 上下翻，Y 确认，N 排除并选原因，M 写备注，U 撤销上一次决定。',
  'tour.ledger.title': '问题台账',
  'tour.ledger.text':
    '确认的图斑成为问题，按阶段办理：移交查处、核实反馈、督促整改、复核、销号。逾期的到期日标红，每一步都留有记录。',
  'tour.exports.title': '导出',
  'tour.exports.text':
    '导出附件 1–5 的清单和函件、图斑核查单、GeoJSON/GeoParquet 和案件包；同事的案件包也从这里导入。',
  'tour.notebook.title': '笔记本',
  'tour.notebook.text':
    '用文字、SQL、地图、图表和指标单元做叠加分析和保护成效评估。示例项目带有一本入门笔记本。',
  'tour.restart.title': '随时再看一遍',
  'tour.restart.text': '导览到此结束。需要时点页眉的「导览」重新开始。',
};

export type TourMessageKey = keyof typeof zh;

const en: Record<TourMessageKey, string> = {
  'tour.button': 'Tour',
  'tour.buttonTitle': 'Training tour: the main features step by step',
  'tour.offer': 'New here? Take the tour',
  'tour.offerStart': 'Start tour',
  'tour.offerLater': 'No thanks',
  'tour.progress': 'Step {i} of {n}',
  'tour.prev': 'Back',
  'tour.next': 'Next',
  'tour.finish': 'Finish',
  'tour.skip': 'Skip',
  'tour.sample.title': 'Open the sample project',
  'tour.sample.text':
    'Click “Open sample project” to load the Beihai sample: red lines, nature reserves, administrative areas and two dates of imagery. The sample is for training and is not an official red line.',
  'tour.layers.title': 'Layers',
  'tour.layers.text':
    'The vector layers loaded so far. Tick to show or hide, “Zoom to layer” moves the map to it; the layer type can be changed.',
  'tour.compare.title': 'Compare the two images',
  'tour.compare.text':
    'Choose “Swipe” and drag the divider on the map to compare the earlier and later image; “Side by side” shows both in step.',
  'tour.detect.title': 'Change detection',
  'tour.detect.text':
    'Pick the earlier (T1) and later (T2) image, the minimum patch area and the sensitivity, then “Run detection”. It runs in the background in blocks and can be cancelled at any time.',
  'tour.review.title': 'Review session',
  'tour.review.text':
    'Click “Review session” to go through the patches: J/K to move, Y to confirm, N to reject with a reason, M for a note, U to undo the last decision.',
  'tour.ledger.title': 'Case ledger',
  'tour.ledger.text':
    'Confirmed patches become cases, handled stage by stage: hand-over, verification, rectification, re-check, close-out. Overdue dates turn red and every step is recorded.',
  'tour.exports.title': 'Export',
  'tour.exports.text':
    'Export the lists and letters of annexes 1–5, verification sheets, GeoJSON/GeoParquet and the case bundle; a colleague’s bundle is imported here too.',
  'tour.notebook.title': 'Notebook',
  'tour.notebook.text':
    'Text, SQL, map, chart and indicator cells for overlay analysis and protection assessment. The sample project comes with a starter notebook.',
  'tour.restart.title': 'Again any time',
  'tour.restart.text': 'That is the whole tour. Click “Tour” in the header to start it again.',
};

export const TOUR_MESSAGES: Record<'zh' | 'en', Record<TourMessageKey, string>> = { zh, en };

/** The title and text keys of a step (each step id has both; a unit test checks it). */
export function stepKeys(id: string): { title: TourMessageKey; text: TourMessageKey } {
  return { title: `tour.${id}.title` as TourMessageKey, text: `tour.${id}.text` as TourMessageKey };
}
