/**
 * Strings of the outline editor (move vertices, split, merge), zh default and en. They are read through
 * `t(key)` of i18n.svelte.ts.
 */

const zh = {
  'ol.title': '图斑边界',
  'ol.edit': '编辑边界',
  'ol.split': '拆分',
  'ol.merge': '合并',
  'ol.save': '保存边界',
  'ol.cancel': '取消',
  'ol.undoStep': '撤销一步',
  'ol.splitFinish': '完成拆分',
  'ol.mergeFinish': '确认合并',
  'ol.clearLine': '重画',
  'ol.area': '面积 {area} 公顷',
  'ol.areaDraft': '面积 {area} 公顷（原 {before} 公顷）',
  'ol.notEditable': '当前阶段不能修改边界。',
  'ol.notSplittable': '只有自动检测、变化线索、疑似阶段的图斑可以拆分或合并。',
  'ol.noGeometry': '该案件没有图斑几何。',
  'ol.hintEdit':
    '拖动黄色顶点，或先点击一个顶点选中、再点击新位置移动它。改好后点“保存边界”，按 Esc 或“取消”放弃。',
  'ol.hintSelected': '已选中顶点 {n}：点击地图上的新位置把它移过去，或删除它、在其后加一个顶点。',
  'ol.moves': '已修改 {n} 次',
  'ol.vertices': '{n} 个顶点',
  'ol.insert': '在其后加顶点',
  'ol.delete': '删除顶点',
  'ol.hintSplit': '在地图上依次点击，画一条穿过图斑的线（两端在图斑外），再点“完成拆分”。',
  'ol.splitPreview': '将拆分为 {n} 个图斑',
  'ol.hintMerge': '在地图上点击要合并的另一个图斑，或从下拉框中选择。',
  'ol.mergeTarget': '合并对象',
  'ol.mergeNone': '（请选择）',
  'ol.mergeMulti': '两图斑不相接，仍合并为多部分图斑',
  'ol.mergePreview': '合并后面积 {area} 公顷',
  'ol.saved': '已保存 {id} 的新边界（面积 {area} 公顷）',
  'ol.splitDone': '{id} 已拆分为 {ids}',
  'ol.mergeDone': '{a} 与 {b} 已合并为 {id}',
  'ol.splitNote': '沿手绘线拆分',
  'ol.mergeNote': '与 {other} 合并',
  'ol.failed': '边界修改失败：{message}',
  'ol.err.no_vertex': '没有这个顶点。',
  'ol.err.self_intersection': '边界会自相交，不能这样修改。',
  'ol.err.degenerate': '顶点不能与相邻顶点重合，每个环至少要有 3 个顶点，图斑也不能没有面积。',
  'ol.err.line_too_short': '拆分线至少需要两个点。',
  'ol.err.line_self_intersection': '拆分线不能自相交（延长线也不能与自身相交）。',
  'ol.err.no_cut': '这条线没有把图斑分成两部分：请让线完整穿过图斑。',
  'ol.err.disjoint': '两个图斑既不相接也不重叠；如确需合并，请勾选“仍合并为多部分图斑”。',
  'ol.err.empty': '合并结果为空。',
  'ol.err.same': '不能与自身合并。',
  'ol.err.stage': '对方图斑所处阶段不能合并。',
} as const;

export type OutlineMessageKey = keyof typeof zh;

const en: Record<OutlineMessageKey, string> = {
  'ol.title': 'Patch outline',
  'ol.edit': 'Edit outline',
  'ol.split': 'Split',
  'ol.merge': 'Merge',
  'ol.save': 'Save outline',
  'ol.cancel': 'Cancel',
  'ol.undoStep': 'Undo step',
  'ol.splitFinish': 'Split now',
  'ol.mergeFinish': 'Merge now',
  'ol.clearLine': 'Redraw',
  'ol.area': 'Area {area} ha',
  'ol.areaDraft': 'Area {area} ha (was {before} ha)',
  'ol.notEditable': 'The outline cannot be changed at this stage.',
  'ol.notSplittable': 'Only auto-detected, clue or suspected patches can be split or merged.',
  'ol.noGeometry': 'This case has no patch geometry.',
  'ol.hintEdit':
    'Drag a yellow vertex, or click a vertex to select it and then click where it should go. Then “Save outline”; Esc or “Cancel” discards.',
  'ol.hintSelected':
    'Vertex {n} selected: click its new place on the map, delete it, or add a vertex after it.',
  'ol.moves': '{n} edits',
  'ol.vertices': '{n} vertices',
  'ol.insert': 'Add vertex after',
  'ol.delete': 'Delete vertex',
  'ol.hintSplit':
    'Click on the map to draw a line across the patch (both ends outside it), then “Split now”.',
  'ol.splitPreview': 'Will split into {n} patches',
  'ol.hintMerge': 'Click the other patch on the map, or choose it from the list.',
  'ol.mergeTarget': 'Merge with',
  'ol.mergeNone': '(choose)',
  'ol.mergeMulti': 'The patches do not touch: merge into a multi-part patch anyway',
  'ol.mergePreview': 'Merged area {area} ha',
  'ol.saved': 'New outline of {id} saved (area {area} ha)',
  'ol.splitDone': '{id} split into {ids}',
  'ol.mergeDone': '{a} and {b} merged into {id}',
  'ol.splitNote': 'Split along a drawn line',
  'ol.mergeNote': 'Merged with {other}',
  'ol.failed': 'Outline change failed: {message}',
  'ol.err.no_vertex': 'No such vertex.',
  'ol.err.self_intersection': 'The outline would cross itself: edit refused.',
  'ol.err.degenerate':
    'A vertex cannot sit on its neighbour, a ring needs at least three vertices, and the patch must keep an area.',
  'ol.err.line_too_short': 'The split line needs at least two points.',
  'ol.err.line_self_intersection': 'The split line must not cross itself (nor its straight extensions).',
  'ol.err.no_cut': 'The line does not cut the patch in two: draw it right across the patch.',
  'ol.err.disjoint':
    'The patches neither touch nor overlap; tick “merge into a multi-part patch anyway” if you mean it.',
  'ol.err.empty': 'The merged outline is empty.',
  'ol.err.same': 'A patch cannot be merged with itself.',
  'ol.err.stage': 'The other patch is at a stage that cannot be merged.',
};

/** This feature's part of the catalog that `t` reads (src/i18n/catalog.ts). */
export const OUTLINE_MESSAGES: Record<'zh' | 'en', Record<OutlineMessageKey, string>> = { zh, en };
