import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A supervised enterprise (市管（委管）企业). */
@Entity({ name: 'enterprises' })
export class EnterpriseEntity {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;
}

/** A joint-meeting member unit: a Commission division or the discipline-inspection group. */
@Entity({ name: 'member_units' })
export class MemberUnitEntity {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;
}
