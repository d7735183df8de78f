/** The keys of a `list --json` element, in order (issue 2 item 4, plus `local` from issue 3). */
export const TODO_KEYS = [
  'id',
  'title',
  'content',
  'remindAt',
  'isAlways',
  'state',
  'stateCode',
  'recipients',
  'customer',
  'creator',
  'merchantId',
  'account',
  'level',
  'completion',
  'createdAt',
  'local',
];
