/**
 * Where a submission's answers are kept for the visit: sessionStorage (this tab only, gone
 * when it closes; never localStorage), or memory where a browser refuses storage (a
 * third-party iframe with storage blocked), so the page works either way.
 */
export interface VisitStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

export function createVisitStore(): VisitStore {
  const memory = new Map<string, string>();
  return {
    get(key) {
      try {
        const value = globalThis.sessionStorage?.getItem(key);
        if (value !== undefined && value !== null) return value;
      } catch {
        // Storage refused: memory it is.
      }
      return memory.get(key) ?? null;
    },
    set(key, value) {
      memory.set(key, value);
      try {
        globalThis.sessionStorage?.setItem(key, value);
      } catch {
        // Storage refused or full: the answers still hold for this page view.
      }
    },
  };
}
