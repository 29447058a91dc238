import { ConfigError, loadConfig } from '../config/app-config';
import { NoticeSettings } from './notice-settings';

describe('notice settings', () => {
  it('are off without SMTP_URL', () => {
    const s = NoticeSettings.load(loadConfig({}));
    expect(s.enabled).toBe(false);
    expect(s.from).toBe('Sistema Informativo <noreply@localhost>');
  });

  it('take smtp:// and smtps:// URLs, and never show the password in the logged configuration', () => {
    const config = loadConfig({ SMTP_URL: 'smtps://posta:segreto-123@mail.comune.test:465', NOTICES_HOTLINE_EMAIL: 'hotline@comune.test' });
    const s = NoticeSettings.load(config);
    expect(s.enabled).toBe(true);
    expect(s.addresses).toEqual({ hotline: 'hotline@comune.test', hr: undefined, technicians: undefined, admins: undefined });
    expect(config.describe().SMTP_URL).toBe('[set]');
    expect(JSON.stringify(config.describe())).not.toContain('segreto-123');
  });

  it('refuse another scheme or a malformed address, naming the variable and not the value', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://posta:segreto-123@mail.comune.test' })).toThrow(ConfigError);
    try {
      loadConfig({ SMTP_URL: 'http://posta:segreto-123@mail.comune.test' });
    } catch (err) {
      expect((err as Error).message).toContain('SMTP_URL');
      expect((err as Error).message).not.toContain('segreto-123');
    }
    expect(() => loadConfig({ NOTICES_ADMINS_EMAIL: 'non un indirizzo' })).toThrow(/NOTICES_ADMINS_EMAIL/);
  });
});
