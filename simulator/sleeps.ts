/** Delays that close() can cut short, so a test never waits on an injected fault. */
export class Sleeps {
  private readonly wakers = new Set<() => void>();

  sleep(ms: number) {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(t);
        this.wakers.delete(done);
        resolve();
      };
      const t = setTimeout(done, ms);
      this.wakers.add(done);
    });
  }

  wakeAll() {
    for (const wake of this.wakers) wake();
  }
}
