import { Select } from 'antd';
import { useEffect } from 'react';
import { campaignsNoun } from '@eco/domain';
import { request } from '../api/client';
import type { CampaignSummary } from '../api/types';
import { useLoad } from '../hooks';

/** The campaign a picker chooses when none is chosen yet: the newest of the list; null for none. */
export function newestCampaignId(list: readonly Pick<CampaignSummary, 'id' | 'createdAt'>[]): string | null {
  return list.length ? [...list].sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)))[0].id : null;
}

/** Chooses the campaign a screen is about; picks the newest when none is chosen yet. */
export function CampaignPicker({ value, onChange }: { value?: string; onChange: (id: string) => void }) {
  const list = useLoad((signal) => request<CampaignSummary[]>('campaigns', { signal }), []);
  useEffect(() => {
    const newest = list.data ? newestCampaignId(list.data) : null;
    if (!value && newest) onChange(newest);
  }, [value, list.data, onChange]);
  // A campaign not in the user's list (another organization's, or gone) is not shown by its raw id.
  const known = !!value && !!list.data?.some((c) => c.id === value);
  const noun = campaignsNoun((list.data ?? []).map((c) => c.kind));
  return (
    <Select
      style={{ minWidth: 260, maxWidth: '100%' }}
      loading={list.loading}
      value={known ? value : undefined}
      placeholder={value && list.data && !known ? '所选活动不存在或无权查看，请重新选择' : list.data?.length === 0 ? `暂无${noun}` : `选择${noun}`}
      onChange={onChange}
      options={(list.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
      data-testid="campaign-picker"
    />
  );
}
