/**
 * FileButton — downloads an authenticated file (GET /api/v1/files/:id) through `openFile`, with a
 * message when it fails (role-neutral).
 *
 * Props:
 *  - `fileId`: the file's id.
 *  - `name`: the name to save it under (and the button's text unless `label` is given).
 *  - `label?`: the button's text.
 *  - `url?`: another authenticated URL to download instead (e.g. the contract PDF's documentUrl).
 */
import { useState } from 'react';
import { App, Button } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { openFile } from '../../api/client';
import { problemText } from '../ProblemAlert';

export function FileButton({ fileId, name, label, url }: { fileId?: string; name: string; label?: string; url?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      await openFile(url ?? `/api/v1/files/${fileId}`, name);
    } catch (e) {
      void message.error(problemText(t, e).title);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="small" icon={<PaperClipOutlined />} loading={busy} onClick={() => void download()}>
      {label ?? name}
    </Button>
  );
}
