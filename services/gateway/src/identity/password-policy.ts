/**
 * The minimum a new password must meet. Messages are Chinese and name the field, in the form the
 * console shows beside it (`newPassword：…`).
 */
export const MIN_PASSWORD_LENGTH = 12;

/**
 * Passwords too common to allow, compared without case: the most frequent entries of public leak
 * lists that are 12 characters or longer, their Chinese-keyboard favourites, and Rectify's own demo
 * password (every demo user has it).
 */
const COMMON = new Set(
  [
    '123456789012', '1234567890123', '12345678901234', '123456123456', '111111111111', '000000000000',
    '123123123123', '121212121212', 'qwertyuiopas', 'qwertyuiop123', '1qaz2wsx3edc', '1q2w3e4r5t6y',
    'qazwsxedcrfv', 'zaq12wsxcde3', 'passwordpassword', 'password1234', 'password123!', 'password@123',
    'p@ssw0rd1234', 'administrator', 'admin1234567', 'admin@123456', 'iloveyou1234', 'woaini1314520',
    'woaini123456', 'aa1234567890', 'abc123456789', 'abcd12345678', 'a12345678901', 'qq1234567890',
    'rectify-demo', 'rectify-demo1', 'rectify-demo123', 'changeme1234', 'welcome12345', 'letmein12345',
  ].map((p) => p.toLowerCase()),
);

/** Problems with `newPassword` for `username`, each naming the field; empty when it is acceptable. */
export function passwordProblems(newPassword: string, username: string, currentPassword?: string): string[] {
  const problems: string[] = [];
  if ([...newPassword].length < MIN_PASSWORD_LENGTH) problems.push(`newPassword：新密码至少 ${MIN_PASSWORD_LENGTH} 个字符`);
  if (newPassword.toLowerCase() === username.toLowerCase()) problems.push('newPassword：新密码不能与用户名相同');
  if (COMMON.has(newPassword.toLowerCase())) problems.push('newPassword：新密码过于常见，请换一个不易猜到的密码');
  if (currentPassword !== undefined && newPassword === currentPassword) problems.push('newPassword：新密码不能与当前密码相同');
  return problems;
}
