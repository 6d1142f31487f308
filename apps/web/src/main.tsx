import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App';
import { AuthProvider } from './auth';

dayjs.locale('zh-cn');

/**
 * After a release the chunks of the build this tab loaded are gone (404 on /assets/TaskDetail-….js): Vite reports a
 * failed lazy page (every dynamic import goes through its preload helper) as `vite:preloadError`; reload once to get
 * the new build — at most once per 10 s, so a chunk that is really missing does not reload forever.
 */
const RELOADED_AT = 'eco:chunk-reload-at';
window.addEventListener('vite:preloadError', () => {
  try {
    if (Date.now() - Number(sessionStorage.getItem(RELOADED_AT) ?? 0) < 10_000) return;
    sessionStorage.setItem(RELOADED_AT, String(Date.now()));
  } catch {
    return; // no storage, no guard: let the error show rather than risk a loop
  }
  window.location.reload(); // the import still fails (this tab is leaving); a second failure within 10 s shows it
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#1f6f4a', borderRadius: 6 } }}>
      <AntApp>
        <BrowserRouter>
          <AuthProvider>
            <App />
          </AuthProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
