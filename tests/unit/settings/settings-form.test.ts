import { describe, expect, it } from 'vitest';
import { defaultSettings, type ProjectSettings } from '../../../src/core/model.ts';
import { parseSettingsForm, settingsForm, type SettingsForm } from '../../../src/core/settings-form.ts';

const base: ProjectSettings = {
  ...defaultSettings('广西壮族自治区', '450000'),
  catalog: { activityTypes: { retire: ['farming'] } },
};

function edited(change: Partial<SettingsForm>): SettingsForm {
  return { ...settingsForm(base), ...change };
}

describe('project settings form', () => {
  it('round-trips settings through the form unchanged', () => {
    const result = parseSettingsForm(settingsForm(base), base);
    expect(result).toEqual({ ok: true, settings: base });
  });

  it('saves every edited field and keeps the catalog overrides', () => {
    const result = parseSettingsForm(
      edited({
        provinceCode: '',
        provinceName: ' 海南省 ',
        reviewMode: 'three_step',
        distinctReviewers: false,
        milestoneBase: '2026-03-01',
        months: { review: '2', handover: '3', feedback: '4', rectification: '18' },
        contactName: '王五',
        contactPhone: '0779-1234567',
        issuer: '某某厅',
        issuerDepartment: '某某处',
        areaDecimals: '4',
      }),
      base,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.settings).toMatchObject({
      province: { code: '', name: '海南省' },
      reviewMode: 'three_step',
      distinctReviewers: false,
      milestoneBase: '2026-03-01',
      milestoneMonths: { review: 2, handover: 3, feedback: 4, rectification: 18 },
      contact: { name: '王五', phone: '0779-1234567' },
      issuer: '某某厅',
      issuerDepartment: '某某处',
      areaDecimals: 4,
      catalog: { activityTypes: { retire: ['farming'] } },
    });
  });

  it('an empty base date means each case counts from its opening day', () => {
    const withBase: ProjectSettings = { ...base, milestoneBase: '2026-01-01' };
    const result = parseSettingsForm({ ...settingsForm(withBase), milestoneBase: ' ' }, withBase);
    expect(result.ok && 'milestoneBase' in result.settings).toBe(false);
  });

  it('ties each problem to its field, in codes the UI puts into words', () => {
    const result = parseSettingsForm(
      edited({
        provinceName: '  ',
        milestoneBase: '2026-02-30',
        months: { review: '', handover: '1.5', feedback: '-1', rectification: '12' },
        contactPhone: 'call me',
        issuer: '',
        areaDecimals: '5',
      }),
      base,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      province: { code: 'required' },
      milestoneBase: { code: 'date' },
      review: { code: 'required' },
      handover: { code: 'integer' },
      feedback: { code: 'min', min: 0 },
      contactPhone: { code: 'phone' },
      issuer: { code: 'required' },
      areaDecimals: { code: 'max', max: 4 },
    });
  });

  it('area decimals below 2 and over-long names are refused', () => {
    const result = parseSettingsForm(edited({ areaDecimals: '1', provinceName: '省'.repeat(201) }), base);
    expect(result.ok ? {} : result.errors).toEqual({
      areaDecimals: { code: 'min', min: 2 },
      province: { code: 'too_long', max: 200 },
    });
  });

  it('edits the department feedback days (default 60) and refuses zero or words', () => {
    expect(settingsForm(base).departmentFeedbackDays).toBe('60');
    const saved = parseSettingsForm(edited({ departmentFeedbackDays: '45' }), base);
    expect(saved.ok && saved.settings.departmentFeedbackDays).toBe(45);
    const zero = parseSettingsForm(edited({ departmentFeedbackDays: '0' }), base);
    expect(zero.ok ? {} : zero.errors).toEqual({ departmentFeedbackDays: { code: 'min', min: 1 } });
    const words = parseSettingsForm(edited({ departmentFeedbackDays: '两个月' }), base);
    expect(words.ok ? {} : words.errors).toEqual({ departmentFeedbackDays: { code: 'integer' } });
  });

  it('accepts the usual phone notations', () => {
    for (const phone of ['010-12345678', '+86 10 1234 5678', '(0779)1234567', '1234567 转 8', ''])
      expect(parseSettingsForm(edited({ contactPhone: phone }), base).ok).toBe(true);
  });
});
