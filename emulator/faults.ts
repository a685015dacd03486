/**
 * Scripted misbehaviour, matched per request. Tests and benchmarks add rules; each rule fires
 * `times` times (default: every matching request) and then retires.
 */
export type FaultAction =
    /**
     * Answer with this status (429 gets Retry-After) and ARM's error body instead of serving; with
     * `applied`, serve the request first (a gateway's 504 after the write went through).
     */
    | { kind: "status"; status: number; code?: string; retryAfterSeconds?: number; applied?: true }
    /** Close the connection without answering, before the request is served. */
    | { kind: "drop" }
    /** Serve the request (a write is applied), then close the connection: the answer is lost. */
    | { kind: "dropAnswer" }
    /** Serve normally after waiting. */
    | { kind: "latency"; ms: number }
    /** Accept the request, then let its long-running operation end `Failed`. */
    | { kind: "operationFails"; code?: string; message?: string }
    /** Accept an image version create/update, then fail replication to this region. */
    | { kind: "replicationFails"; region: string; message?: string };

export interface FaultRule {
    /** HTTP method to match (any when absent). */
    method?: string;
    /** Matched against the request path (without query), case-insensitively when a string. */
    path?: RegExp | string;
    action: FaultAction;
    times?: number;
    /** Fires on this share of matching requests (0-1), drawn from `Faults.random`; every one when absent. */
    chance?: number;
}

interface ActiveRule extends FaultRule {
    remaining: number;
}

export class Faults {
    private rules: ActiveRule[] = [];
    /**
     * After the last child of a parent is deleted, the real service keeps refusing the parent's
     * delete with the nested-resource 409 for a while (about 10-20 s). 0 turns it off.
     */
    nestedDeleteLagMs = 0;
    /** The draw for `chance`; a test seeds it to make a random run repeatable. */
    random: () => number = Math.random;

    add(rule: FaultRule): void {
        this.rules.push({ ...rule, remaining: rule.times ?? Number.POSITIVE_INFINITY });
    }

    clear(): void {
        this.rules = [];
        this.nestedDeleteLagMs = 0;
    }

    /** The actions that apply to this request, consuming one use of each matching rule. */
    take(method: string, path: string): FaultAction[] {
        const out: FaultAction[] = [];
        for (const r of this.rules) {
            if (r.remaining <= 0) continue;
            if (r.method && r.method.toUpperCase() !== method.toUpperCase()) continue;
            if (r.path !== undefined) {
                const hit = typeof r.path === "string" ? path.toLowerCase().includes(r.path.toLowerCase()) : r.path.test(path);
                if (!hit) continue;
            }
            if (r.chance !== undefined && this.random() >= r.chance) continue;
            r.remaining--;
            out.push(r.action);
        }
        this.rules = this.rules.filter((r) => r.remaining > 0);
        return out;
    }
}
