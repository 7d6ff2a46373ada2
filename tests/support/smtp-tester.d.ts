// Types for smtp-tester (a local SMTP catcher, test-only; it ships none): the parts the tests use.
declare module "smtp-tester" {
  export type CapturedMail = {
    address: string;
    id: string;
    email: { headers: Record<string, string>; body: string; sender: string; receivers: Record<string, boolean> };
  };
  export type MailServer = {
    captureOne(address: string, opts?: { wait?: number }): Promise<CapturedMail>;
    bind(address: string | null, handler: (address: string, id: string, email: CapturedMail["email"]) => void): void;
    removeAll(): void;
    stop(callback?: () => void): void;
    /** The smtp-server it runs: a test may answer RCPT TO itself (`onRcptTo`), as a greylisting server. */
    smtpServer: import("smtp-server").SMTPServer;
  };
  export function init(port: number, opts?: Record<string, unknown>): MailServer;
}
