/**
 * Every endpoint the web application calls, as written in the OpenAPI document (`/api/openapi.json`).
 * test/e2e/web.e2e.ts checks each `required` one against the running app's document, so a renamed or
 * removed endpoint fails the build instead of the screen. `optional` ones are features other work adds; the
 * screens look them up in the document at run time and show a disabled state while they are absent.
 */
export const ENDPOINTS = {
  login: { method: 'POST', path: '/api/auth/login', required: true },
  me: { method: 'GET', path: '/api/me', required: true },
  inbox: { method: 'GET', path: '/api/me/inbox', required: true },
  templates: { method: 'GET', path: '/api/templates', required: true },
  calendar: { method: 'GET', path: '/api/calendar', required: true },
  template: { method: 'GET', path: '/api/templates/{id}', required: true },
  templateXlsx: { method: 'GET', path: '/api/templates/{id}/indicators.xlsx', required: true },
  templateImport: { method: 'POST', path: '/api/templates', required: true },
  campaigns: { method: 'GET', path: '/api/campaigns', required: true },
  startCampaign: { method: 'POST', path: '/api/campaigns', required: true },
  campaign: { method: 'GET', path: '/api/campaigns/{id}', required: true },
  tasks: { method: 'GET', path: '/api/campaigns/{id}/tasks', required: true },
  task: { method: 'GET', path: '/api/campaigns/{id}/tasks/{taskId}', required: true },
  submit: { method: 'POST', path: '/api/campaigns/{id}/tasks/{taskId}/submit', required: true },
  approve: { method: 'POST', path: '/api/campaigns/{id}/tasks/{taskId}/approve', required: true },
  return: { method: 'POST', path: '/api/campaigns/{id}/tasks/{taskId}/return', required: true },
  transfer: { method: 'POST', path: '/api/campaigns/{id}/tasks/{taskId}/transfer', required: true },
  addApprover: { method: 'POST', path: '/api/campaigns/{id}/tasks/{taskId}/add-approver', required: true },
  confirmJoint: { method: 'POST', path: '/api/campaigns/{id}/tasks/{taskId}/confirm', required: true },
  urge: { method: 'POST', path: '/api/campaigns/{id}/tasks/{taskId}/urge', required: true },
  gate: { method: 'GET', path: '/api/campaigns/{id}/gate', required: true },
  vetoFinding: { method: 'POST', path: '/api/campaigns/{id}/vetoes/{code}/findings', required: true },
  liftVeto: { method: 'POST', path: '/api/campaigns/{id}/vetoes/{code}/lift', required: true },
  assessment: { method: 'GET', path: '/api/campaigns/{id}/assessment', required: true },
  assessmentXlsx: { method: 'GET', path: '/api/campaigns/{id}/assessment.xlsx', required: true },
  supervision: { method: 'GET', path: '/api/campaigns/{id}/supervision', required: true },
  supervisionXlsx: { method: 'GET', path: '/api/campaigns/{id}/supervision.xlsx', required: true },
  moveDeadlines: { method: 'POST', path: '/api/campaigns/{id}/deadlines', required: true },
  previewDeadlines: { method: 'POST', path: '/api/campaigns/{id}/deadlines/preview', required: true, reads: true },
  recordExternalResult: { method: 'POST', path: '/api/campaigns/{id}/external-results', required: true },
  openRectification: { method: 'POST', path: '/api/campaigns/{id}/rectifications', required: true },
  closePhase: { method: 'POST', path: '/api/campaigns/{id}/close-phase', required: true },
  cancelCampaign: { method: 'POST', path: '/api/campaigns/{id}/cancel', required: true },
  pause: { method: 'POST', path: '/api/campaigns/{id}/pause', required: true },
  resume: { method: 'POST', path: '/api/campaigns/{id}/resume', required: true },
  reminders: { method: 'GET', path: '/api/campaigns/{id}/reminders', required: true },
  notificationProblems: { method: 'GET', path: '/api/campaigns/{id}/notification-problems', required: true },
  audit: { method: 'GET', path: '/api/campaigns/{id}/audit', required: true },
  auditVerify: { method: 'GET', path: '/api/campaigns/{id}/audit/verify', required: true },
  auditCsv: { method: 'GET', path: '/api/campaigns/{id}/audit.csv', required: true },
  auditXlsx: { method: 'GET', path: '/api/campaigns/{id}/audit.xlsx', required: true },
  users: { method: 'GET', path: '/api/users', required: true },
  createUser: { method: 'POST', path: '/api/users', required: true },
  deactivateUser: { method: 'POST', path: '/api/users/{id}/deactivate', required: true },
  activateUser: { method: 'POST', path: '/api/users/{id}/activate', required: true },
  userAwaited: { method: 'GET', path: '/api/users/{id}/awaited', required: true },
  resetPassword: { method: 'POST', path: '/api/users/{id}/password', required: true },
  organizationUnits: { method: 'GET', path: '/api/organization/units', required: true },
  setUnitDuties: { method: 'PUT', path: '/api/organization/units/{unitId}/duties', required: true },
  uploadFile: { method: 'POST', path: '/api/campaigns/{id}/tasks/{taskId}/files', required: true },
  taskFiles: { method: 'GET', path: '/api/campaigns/{id}/tasks/{taskId}/files', required: true },
  downloadFile: { method: 'GET', path: '/api/campaigns/{id}/tasks/{taskId}/files/{fileId}', required: true },
  deleteFile: { method: 'DELETE', path: '/api/campaigns/{id}/tasks/{taskId}/files/{fileId}', required: true },
  fileLink: { method: 'GET', path: '/api/campaigns/{id}/tasks/{taskId}/files/{fileId}/link', required: true },
  originFileLink: { method: 'GET', path: '/api/campaigns/{id}/tasks/{taskId}/origin-files/{fileId}/link', required: true },
  taskCandidates: { method: 'GET', path: '/api/campaigns/{id}/tasks/{taskId}/candidates', required: true },
  downloadOriginFile: { method: 'GET', path: '/api/campaigns/{id}/tasks/{taskId}/origin-files/{fileId}', required: true },
  uploadPolicy: { method: 'GET', path: '/api/files/policy', required: true },
  dossier: { method: 'GET', path: '/api/campaigns/{id}/dossier.zip', required: true },
  dossierSummary: { method: 'GET', path: '/api/campaigns/{id}/dossier', required: true },
  notifications: { method: 'GET', path: '/api/me/notifications', required: true },
  markRead: { method: 'POST', path: '/api/me/notifications/read', required: true },
  notificationPrefs: { method: 'GET', path: '/api/me/notification-preferences', required: true },
  setNotificationPrefs: { method: 'PUT', path: '/api/me/notification-preferences', required: true },
  // POSTs that change nothing (a plan preview sent as its body): no write listener is told (api client onWrite)
  plan: { method: 'POST', path: '/api/campaigns/plan', required: true, reads: true },
  planXlsx: { method: 'POST', path: '/api/campaigns/plan.xlsx', required: true, reads: true },
  deadLetters: { method: 'GET', path: '/api/notifications/dead-letters', required: true },
  retryDeadLetter: { method: 'POST', path: '/api/notifications/dead-letters/{id}/retry', required: true },
  robots: { method: 'GET', path: '/api/notifications/robots', required: true },
  putRobot: { method: 'PUT', path: '/api/notifications/robots', required: true },
  deleteRobot: { method: 'DELETE', path: '/api/notifications/robots/{id}', required: true },
  // Added by work in progress elsewhere; looked up at run time.
  changePassword: { method: 'POST', path: '/api/me/password', required: false },
} as const satisfies Record<string, { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; path: string; required: boolean; reads?: boolean }>;

export type EndpointName = keyof typeof ENDPOINTS;

/** `/api/campaigns/{id}` + { id: 'c1' } → `/api/campaigns/c1` (values URI-encoded). */
export function pathOf(name: EndpointName, params: Record<string, string> = {}): string {
  return ENDPOINTS[name].path.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params[k];
    if (v === undefined) throw new Error(`missing path parameter ${k} for ${name}`);
    return encodeURIComponent(v);
  });
}
