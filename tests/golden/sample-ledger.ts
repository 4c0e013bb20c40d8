/**
 * A fixed sample ledger for golden tests and the rendering script: ten patches in 北海市 (广西壮族自治区) and one
 * in 湛江市 (广东省), through every stage of the workflow, written by two experts on two devices.
 * Deterministic: a fixed clock and a seeded random source, so every run yields the same event ids.
 */
import { asCaseId, createUlidFactory } from '../../src/core/ids.ts';
import { heads } from '../../src/core/case/ledger.ts';
import { DEFAULT_CATALOG } from '../../src/core/catalog.ts';
import { defaultSettings, type EventType, type LedgerEvent, type PatchSnapshot, type PayloadOf, type ProjectSettings } from '../../src/core/model.ts';

export const SAMPLE_SETTINGS: ProjectSettings = {
  ...defaultSettings('广西壮族自治区', '450000'),
  milestoneBase: '2026-03-01',
  contact: { name: '张明', phone: '010-65645678' },
};
export const SAMPLE_CATALOG = DEFAULT_CATALOG;
/** Date the letters are signed in the golden files. */
export const SAMPLE_LETTER_DATE = '2026-11-22';

function seeded(seed: number): (b: Uint8Array<ArrayBuffer>) => Uint8Array {
  let x = seed;
  return (bytes) => {
    for (let i = 0; i < bytes.length; i += 1) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      bytes[i] = x & 255;
    }
    return bytes;
  };
}

type Place = [county: string, countyCode: string, township: string, location: string, cx: number, cy: number];
const PLACES: Record<string, Place> = {
  '450521-2026-0001': ['合浦县', '450521', '山口镇', '山口镇英罗村东侧河道', 109.712345, 21.583456],
  '450521-2026-0002': ['合浦县', '450521', '沙田镇', '沙田镇海堤外侧滩涂', 109.634512, 21.598877],
  '450503-2026-0003': ['银海区', '450503', '银滩镇', '银滩镇白虎头村南侧海岸', 109.145623, 21.421098],
  '450512-2026-0004': ['铁山港区', '450512', '南康镇', '南康镇北暮盐场西侧', 109.452301, 21.623344],
  '450521-2026-0005': ['合浦县', '450521', '白沙镇', '白沙镇营盘村至油行村道路', 109.561234, 21.661234],
  '450521-2026-0006': ['合浦县', '450521', '公馆镇', '公馆镇香山村林地', 109.401122, 21.861234],
  '450521-2026-0007': ['合浦县', '450521', '星岛湖镇', '星岛湖镇风电场', 109.331278, 21.921278],
  '450503-2026-0008': ['银海区', '450503', '福成镇', '福成镇竹林村西侧', 109.281234, 21.501234],
  '450512-2026-0010': ['铁山港区', '450512', '营盘镇', '营盘镇白龙村石场', 109.502468, 21.533579],
};

function patch(id: string, activityType: string, problemType: string, areaHa: number, redlineHa: number): PatchSnapshot {
  const zhanjiang = id.startsWith('440881');
  const [county, countyCode, township, location, cx, cy] = zhanjiang
    ? ['廉江市', '440881', '车板镇', '车板镇高桥红树林保护区外缘', 109.786543, 21.612345]
    : (PLACES[id] as Place);
  return {
    id: id as PatchSnapshot['id'],
    runId: 'run-2026-1',
    areaHa,
    redlineHa,
    cx,
    cy,
    province: zhanjiang ? '广东省' : '广西壮族自治区',
    city: zhanjiang ? '湛江市' : '北海市',
    county,
    countyCode,
    township,
    location,
    activityType,
    problemType,
  };
}

/** Build the sample log. */
export function sampleLedger(): LedgerEvent[] {
  let time = Date.UTC(2026, 2, 10, 1, 0, 0);
  const newId = createUlidFactory({ now: () => time, random: seeded(20260310) });
  const log: LedgerEvent[] = [];
  const who = { a: ['李娜', 'laptop-li'], b: ['王强', 'laptop-wang'] } as const;
  const emit = <T extends EventType>(caseId: string, type: T, payload: PayloadOf<T>, by: 'a' | 'b' = 'a', day?: string) => {
    time = day ? Date.parse(`${day}T02:00:00Z`) + (time % 3_600_000) + 60_000 : time + 60_000;
    const [actor, device] = who[by];
    const id = asCaseId(caseId);
    log.push({
      schemaVersion: 1,
      id: newId(),
      caseId: id,
      at: new Date(time).toISOString(),
      actor,
      device,
      prev: heads(log.filter((e) => e.caseId === id)),
      type,
      payload,
    } as LedgerEvent);
  };
  const photo = (caseId: string, n: number, day: string) =>
    emit(caseId, 'evidence_added', {
      evidence: {
        id: newId() as PayloadOf<'evidence_added'>['evidence']['id'],
        kind: 'photo',
        name: `现场照片${n}.jpg`,
        fileRef: `photos/${caseId}-${String(n).padStart(2, '0')}.jpg`,
        mediaType: 'image/jpeg',
        indexNo: `${caseId}-${String(n).padStart(2, '0')}`,
        takenOn: day,
      },
    });
  const open = (id: string, p: PatchSnapshot, clueSource = 'satellite', stage: 'auto' | 'suspected' = 'suspected') =>
    emit(id, 'opened', { patch: p, stage, clueSource });
  const confirm = (id: string, by: 'a' | 'b' = 'b') =>
    emit(id, 'reviewed', { level: 'single', decision: 'confirm', reviewer: by === 'a' ? '李娜' : '王强' }, by);
  const handOver = (id: string, province = '广西壮族自治区') =>
    emit(id, 'handed_over', { recipient: `${province}人民政府办公厅`, handedOverOn: '2026-04-20', dueDate: '2026-06-01', letterNo: '环办生态函〔2026〕88号' }, 'a', '2026-04-20');

  // 1: 采砂, the full path to 销号, two photos, transferred to 自然资源部.
  const c1 = '450521-2026-0001';
  open(c1, patch(c1, 'mining', 'occupy_space', 3.4567, 3.2101));
  confirm(c1);
  handOver(c1);
  photo(c1, 1, '2026-05-12');
  photo(c1, 2, '2026-05-12');
  emit(c1, 'verified', { result: 'substantiated', details: '合浦县自然资源局已立案，责令停止非法采砂并处罚款', feedbackOn: '2026-05-28', source: '广西壮族自治区人民政府' }, 'a', '2026-05-28');
  emit(c1, 'rectification_started', { deadline: '2026-10-31', measures: '回填采砂坑，恢复河道岸线' });
  emit(c1, 'transferred_to_department', { department: 'natural_resources', transferredOn: '2026-06-15', dueDate: '2026-08-15' }, 'a', '2026-06-15');
  emit(c1, 'rechecked', { recheckedOn: '2026-11-05', inspector: '王强', passed: true, findings: '采砂坑已回填，岸线植被恢复' }, 'b', '2026-11-05');
  emit(c1, 'closed', { closedOn: '2026-11-10' }, 'a', '2026-11-10');

  // 2: 养殖 (optional class → 6), partly substantiated, rectifying; transferred to 农业农村部 and 自然资源部.
  const c2 = '450521-2026-0002';
  open(c2, patch(c2, 'aquaculture', 'function_impact', 12.3456, 11.9876));
  confirm(c2);
  handOver(c2);
  photo(c2, 1, '2026-05-15');
  emit(c2, 'verified', { result: 'partly_substantiated', details: '部分养殖塘为2018年前既有，新增部分已责令拆除', feedbackOn: '2026-05-30' }, 'a', '2026-05-30');
  emit(c2, 'rectification_started', { deadline: '2026-12-31' });
  emit(c2, 'transferred_to_department', { department: 'agriculture', transferredOn: '2026-06-15' }, 'a', '2026-06-15');
  emit(c2, 'transferred_to_department', { department: 'natural_resources', transferredOn: '2026-06-15', dueDate: '2026-08-15' });

  // 3: 信访举报 clue, verified unsubstantiated and closed with a note.
  const c3 = '450503-2026-0003';
  open(c3, patch(c3, 'tourism', 'vegetation_damage', 0.8765, 0.8765), 'petition');
  confirm(c3, 'a');
  handOver(c3);
  emit(c3, 'verified', { result: 'unsubstantiated', details: '该项目为2019年批准的海岸防护工程', feedbackOn: '2026-05-20' }, 'a', '2026-05-20');
  emit(c3, 'closed', { closedOn: '2026-05-25', note: '核实不属实，予以销号' });

  // 4: handed over, feedback overdue.
  const c4 = '450512-2026-0004';
  open(c4, patch(c4, 'industry', 'occupy_space', 5.0123, 4.5));
  confirm(c4);
  handOver(c4);

  // 5: confirmed, not yet handed over; a hand-written description.
  const c5 = '450521-2026-0005';
  open(c5, patch(c5, 'transport', 'vegetation_damage', 2.1, 1.95));
  confirm(c5);
  emit(c5, 'fields_set', { fields: { description: '新建村道穿越红线，破坏林地植被约2.1公顷' } }, 'b');

  // 6: false change (季节/物候差异): in no list.
  const c6 = '450521-2026-0006';
  open(c6, patch(c6, 'other', 'vegetation_damage', 1.5, 1.5), 'satellite', 'auto');
  emit(c6, 'rejected', { reasonCode: 'phenology', note: '冬季落叶' });

  // 7: rejected as an approved project: stays in the 附件2 human-activity list.
  const c7 = '450521-2026-0007';
  open(c7, patch(c7, 'energy', 'occupy_space', 0.0045, 0.0045));
  emit(c7, 'reviewed', { level: 'single', decision: 'reject', reviewer: '王强', reasonCode: 'approved_project' }, 'b');

  // 8: suspected, not yet reviewed.
  const c8 = '450503-2026-0008';
  open(c8, patch(c8, 'other', 'other', 0.6543, 0.6));

  // 9: another province (广东省): a second 附件3 letter.
  const c9 = '440881-2026-0001';
  open(c9, patch(c9, 'mining', 'occupy_space', 4.2, 3.8), 'inspection');
  confirm(c9);
  handOver(c9, '广东省');

  // 10: 领导批示 clue, failed re-check, escalation, referral, report to the State Council.
  const c10 = '450512-2026-0010';
  open(c10, patch(c10, 'mining', 'vegetation_damage', 8.7654, 8.7654), 'leader_instruction');
  confirm(c10);
  handOver(c10);
  photo(c10, 1, '2026-05-18');
  emit(c10, 'verified', { result: 'substantiated', details: '非法采石，已移送公安机关', feedbackOn: '2026-05-29' }, 'a', '2026-05-29');
  emit(c10, 'rectification_started', { deadline: '2026-09-30' });
  emit(c10, 'rechecked', { recheckedOn: '2026-10-08', inspector: '王强', passed: false, findings: '石场仍在开采', newDeadline: '2027-03-31' }, 'b', '2026-10-08');
  emit(c10, 'escalated', { measure: 'interview', on: '2026-10-15', note: '铁山港区人民政府' });
  emit(c10, 'referred', { kind: 'discipline', to: '北海市纪委监委', referredOn: '2026-10-20' });
  emit(c10, 'reported', { reportedOn: '2026-10-25' });
  emit(c10, 'transferred_to_department', { department: 'natural_resources', transferredOn: '2026-10-26', dueDate: '2026-12-26' });
  emit(c10, 'fields_set', { fields: { remark: '中央生态环境保护督察关注' } });
  return log;
}
