import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@eco/config';
import { NotificationDeliveryRepository } from '@eco/persistence';
import { NotificationDispatcher } from './notification-dispatcher';
import { calendarOf, NotificationRouter, workingHoursOf } from './notification-router.service';
import { ReminderRelease } from './reminder-release';
import { notificationsDeliveredTotal } from '@eco/observability';

/**
 * Runs the delivery loop and the reminder release loop in the worker process (NOTIFY_DISPATCHER=true), and lets the
 * activities nudge the delivery loop.
 */
@Injectable()
export class NotificationDeliveryService implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly dispatcher: NotificationDispatcher;
  readonly release: ReminderRelease;
  private started = false;

  constructor(
    repo: NotificationDeliveryRepository,
    private readonly router: NotificationRouter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.dispatcher = new NotificationDispatcher(repo, config, calendarOf(config), workingHoursOf(config), new Logger('NotificationDispatcher'));
    this.release = new ReminderRelease(
      router,
      config.NOTIFY_RELEASE_MS,
      (n) => {
        notificationsDeliveredTotal.inc({ channel: 'inapp', status: 'delivered' }, n);
        this.kick();
      },
      new Logger('ReminderRelease'),
      config.NOTIFY_RELEASE_LANES,
    );
  }

  onApplicationBootstrap(): void {
    if (!this.config.NOTIFY_DISPATCHER) return;
    this.started = true;
    // Due reminders (written ahead, or left unrouted for a minute by a failed activity) every NOTIFY_RELEASE_MS.
    this.release.start();
    this.dispatcher.start();
  }

  /** A pass now (after routing), without waiting for it. */
  kick(): void {
    if (this.started) void this.dispatcher.drain().catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.started) await Promise.all([this.release.stop(), this.dispatcher.stop()]);
  }
}
