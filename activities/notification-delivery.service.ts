import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@eco/config';
import { NotificationDeliveryRepository } from '@eco/persistence';
import { NotificationDispatcher } from './notification-dispatcher';
import { calendarOf, NotificationRouter, workingHoursOf } from './notification-router.service';

/** Runs the delivery loop in the worker process (NOTIFY_DISPATCHER=true), and lets the activities nudge it. */
@Injectable()
export class NotificationDeliveryService implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly dispatcher: NotificationDispatcher;
  private started = false;

  constructor(
    repo: NotificationDeliveryRepository,
    private readonly router: NotificationRouter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.dispatcher = new NotificationDispatcher(repo, config, calendarOf(config), workingHoursOf(config), new Logger('NotificationDispatcher'));
  }

  onApplicationBootstrap(): void {
    if (!this.config.NOTIFY_DISPATCHER) return;
    this.started = true;
    // Every pass also routes reminders left unrouted for a minute (an activity that failed after enqueueing): none waits for the next tick.
    this.dispatcher.start(() => this.router.routePending(undefined, new Date(), 60_000));
  }

  /** A pass now (after routing), without waiting for it. */
  kick(): void {
    if (this.started) void this.dispatcher.drain().catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.started) await this.dispatcher.stop();
  }
}
