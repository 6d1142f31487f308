import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps } from 'antd';
import { type ReactNode, useState } from 'react';
import { errorText } from '../api/client';

export interface DownloadButtonProps {
  label: ReactNode;
  /** The download (e.g. the client's `download(…)`); reports progress in percent, null while the size is unknown. */
  download: (onProgress: (pct: number | null) => void) => Promise<void>;
  icon?: ReactNode;
  size?: ButtonProps['size'];
  type?: ButtonProps['type'];
  testid?: string;
  disabled?: boolean;
  /** What the button says while downloading (default: its label, with the spinner), e.g. 正在打包 35%; 0 while unknown. */
  busyLabel?: (pct: number) => ReactNode;
}

/**
 * A button that downloads a file the API streams: spins while it runs (a second click does nothing), says why in
 * Chinese when the server refuses, and is ready again after either.
 */
export function DownloadButton({ label, download, icon = <DownloadOutlined />, size, type, testid, disabled, busyLabel }: DownloadButtonProps) {
  const { message } = App.useApp();
  const [pct, setPct] = useState<number | null>(null); // null: not downloading
  async function run() {
    setPct(0);
    try {
      await download((p) => setPct(p ?? 0));
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setPct(null);
    }
  }
  return (
    <Button icon={icon} size={size} type={type} loading={pct !== null} disabled={disabled} onClick={() => void run()} data-testid={testid}>
      {pct !== null && busyLabel ? busyLabel(pct) : label}
    </Button>
  );
}
