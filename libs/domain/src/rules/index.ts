/** Pure domain rules (workflows import these): working calendar, durations, responsibility, application gate. */
export * from './working-calendar';
export * from './durations';
export * from './responsibility';
export * from './application-gate';
export * from './beijing-time';
export * from './rectification-due';
