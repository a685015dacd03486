/**
 * Puts the environment back to `values` in place. Replacing `process.env` with a plain object would
 * cut it off from the process: Node.js then no longer sees a later change of TZ (the time-zone tests
 * would run in one zone only) and child processes would not inherit the change.
 */
export function setEnv(values: NodeJS.ProcessEnv): void {
    for (const k of Object.keys(process.env)) if (!(k in values)) delete process.env[k];
    for (const [k, v] of Object.entries(values)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
}
