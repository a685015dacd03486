/**
 * Waiting for a version's replication, for every kind with a publishing profile (image versions,
 * application versions): progress per region while Azure replicates, the failed regions named in
 * Azure's own words, bounded by the resource's timeouts. It reads the version through its kind's
 * adapter, which asks for the replication status.
 */
import type { Model, Poller } from "../lifecycle/contract";
import type { Operation } from "../lifecycle/operation";
import { pause, readPatiently } from "../lifecycle/waiting";
import { describeReplication, replicating, replicationFailures, versionAt } from "../schema/publishingProfile";

/** Follows a replication Azure runs with no operation of ours to poll (an up that stopped waiting), until it ends. */
async function followReplication(op: Operation, signal: AbortSignal, root: string): Promise<Model> {
    for (;;) {
        const v = await readPatiently(op, signal);
        if (!replicating(versionAt(v, root))) {
            const failed = replicationFailures(versionAt(v, root));
            if (failed) throw new Error(failed);
            return v;
        }
        await op.report(describeReplication(versionAt(v, root)));
        await pause(op.intervalSeconds * 1000, signal);
        if (signal.aborted) throw new Error("stopped waiting");
    }
}

/**
 * The wait of a versioned kind whose model holds the replication status at `root` ("properties."
 * where the model keeps `properties`, `propertiesAsWritten`).
 */
export const waitForReplicationAt =
    (root: "" | "properties.") =>
    (op: Operation, signal: AbortSignal, poller?: Poller): Promise<Model> =>
        waitAt(root, op, signal, poller);

export const waitForReplication = waitForReplicationAt("");

async function waitAt(root: string, op: Operation, signal: AbortSignal, poller?: Poller): Promise<Model> {
    // Return as soon as Azure has accepted the version; replication goes on without us.
    if (op.inputs.waitForReplication === false) return op.read();
    if (!poller) return followReplication(op, signal, root);
    let finished = false;
    const quiet = new AbortController(); // stops the progress loop's sleep when the operation ends
    const done = poller.pollUntilDone({ abortSignal: signal }).finally(() => {
        finished = true;
        quiet.abort();
    });
    const progress = (async () => {
        while (!finished) {
            await pause(op.intervalSeconds * 1000, quiet.signal);
            if (finished) break;
            try {
                await op.report(describeReplication(versionAt(await op.read(), root)));
            } catch {
                // a missed progress report is not a failure of the operation
            }
        }
    })();
    try {
        const answer = await done;
        // The SDK's read at the end of the operation asked for the replication status (azure/client.ts
        // expandingReads): holding it, that answer is the read. A write Azure answered at once, or a
        // PATCH whose operation ends without that read, has none: read the version once with it.
        if (versionAt(answer, root).replicationStatus !== undefined) return await op.completeRead(answer);
        return await op.read();
    } catch (e) {
        // Name the regions that failed, with Azure's own words.
        const v = await op.read().catch(() => undefined);
        const failed = v && replicationFailures(versionAt(v, root));
        if (failed && e instanceof Error) e.message = `${e.message}; ${failed}`;
        throw e;
    } finally {
        await progress;
    }
}

export const replicationProgressAt = (root: "" | "properties.") => (m: Model) => describeReplication(versionAt(m, root));

export const replicationProgress = replicationProgressAt("");
