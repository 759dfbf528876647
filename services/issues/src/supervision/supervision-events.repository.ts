import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Reads of the supervision event log (writes go through appendSupervisionEvent). */
@Injectable()
export class SupervisionEventsRepository {
  constructor(private readonly db: DataSource) {}

  async of(subjectType: 'record' | 'explanation' | 'summary', subjectId: string) {
    return this.db.query(
      `SELECT id::int AS id, kind, actor_name AS "actorName", actor_role AS "actorRole", reason, payload, at
       FROM issues.supervision_events WHERE subject_type = $1 AND subject_id = $2 ORDER BY id`,
      [subjectType, subjectId],
    );
  }
}
