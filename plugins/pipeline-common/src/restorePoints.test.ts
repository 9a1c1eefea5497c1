import {
  restoreCommitUserPrefix,
  restoredTagOfCommitUser,
} from './restorePoints';

describe('restore commit users', () => {
  it('round-trips the Paimon tag through the commit user Paimon makes of the prefix', () => {
    const user = `${restoreCommitUserPrefix(
      'finance-restore-20261203-101500',
    )}_536b5ec7-213a-4539-a007-efac8d1bba9c`;
    expect(restoredTagOfCommitUser(user)).toBe(
      'finance-restore-20261203-101500',
    );
  });

  it("is undefined for the job's own commits", () => {
    expect(
      restoredTagOfCommitUser('146f6337-144c-4b82-8f62-842adec4d5e4'),
    ).toBeUndefined();
    expect(restoredTagOfCommitUser(undefined)).toBeUndefined();
  });
});
