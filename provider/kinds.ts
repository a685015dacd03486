/** How each kind of gallery resource is reached through @azure/arm-compute. */
import type { Gallery, GalleryImage, GalleryImageVersion } from "@azure/arm-compute";
import type { OperationState, PollerLike } from "@azure/core-lro";
import { report } from "./azure/progress";
import { share } from "./gallerySharing";
import { KindAdapter, Model, WaitContext, patiently, pause } from "./lifecycle";
import { gallerySpec } from "./schema/gallery";
import { galleryImageSpec } from "./schema/galleryImage";
import { galleryImageVersionSpec, replicating, replicationFailures } from "./schema/galleryImageVersion";

type Poller = PollerLike<OperationState<Model>, Model>;
const asModel = <T>(p: PollerLike<OperationState<T>, T>) => p as unknown as Poller;
const record = (m: object) => m as unknown as Model;

export const galleryKind: KindAdapter = {
    spec: gallerySpec,
    address: [{ type: "galleries", field: "galleryName" }],
    // Groups a gallery is shared with are reported only on request.
    get: async (c, rg, [g]) => record(await c.galleries.get(rg, g, { expand: "SharingProfile/Groups" })),
    put: (c, rg, [g], m, abortSignal) => asModel(c.galleries.createOrUpdate(rg, g, m as unknown as Gallery, { abortSignal })),
    patch: (c, rg, [g], m, abortSignal) => asModel(c.galleries.update(rg, g, m, { abortSignal })),
    del: (c, rg, [g], abortSignal) => c.galleries.delete(rg, g, { abortSignal }),
    actions: { verb: "change the sharing of", apply: (c, rg, [g], current, desired) => share(c, rg, g, current, desired) },
};

export const galleryImageKind: KindAdapter = {
    spec: galleryImageSpec,
    address: [
        { type: "galleries", field: "galleryName" },
        { type: "images", field: "galleryImageName" },
    ],
    get: async (c, rg, [g, i]) => record(await c.galleryImages.get(rg, g, i)),
    put: (c, rg, [g, i], m, abortSignal) => asModel(c.galleryImages.createOrUpdate(rg, g, i, m as unknown as GalleryImage, { abortSignal })),
    patch: (c, rg, [g, i], m, abortSignal) => asModel(c.galleryImages.update(rg, g, i, m, { abortSignal })),
    del: (c, rg, [g, i], abortSignal) => c.galleryImages.delete(rg, g, i, { abortSignal }),
};

/** One line a person can read: "West US 100%, East US 2 40% (replicating)". */
function describeReplication(v: GalleryImageVersion): string {
    const summary = v.replicationStatus?.summary ?? [];
    const parts = summary.map((s) => `${s.region} ${s.state === "Completed" ? "done" : s.state === "Failed" ? `FAILED: ${s.details ?? ""}` : `${s.progress ?? 0}%`}`);
    return `replicating to ${summary.length} region(s): ${parts.join(", ")}`;
}

/** Follows a replication Azure runs with no operation of ours to poll (an up that stopped waiting), until it ends. */
async function followReplication(ctx: WaitContext): Promise<Model> {
    for (;;) {
        const v = await patiently(() => ctx.client.galleryImageVersions.get(ctx.rg, ctx.names[0], ctx.names[1], ctx.names[2], { expand: "ReplicationStatus" }), ctx.signal, ctx.urn, ctx.intervalSeconds);
        if (!replicating(v)) {
            const failed = replicationFailures(v);
            if (failed) throw new Error(failed);
            return record(v);
        }
        await report(ctx.urn, describeReplication(v));
        await pause(ctx.intervalSeconds * 1000, ctx.signal);
        if (ctx.signal?.aborted) throw new Error("stopped waiting");
    }
}

async function waitForReplication(ctx: WaitContext): Promise<Model> {
    if (ctx.inputs.waitForReplication === false) {
        // Return as soon as Azure has accepted the version; replication goes on without us.
        return record(await ctx.client.galleryImageVersions.get(ctx.rg, ctx.names[0], ctx.names[1], ctx.names[2], { expand: "ReplicationStatus" }));
    }
    if (!ctx.poller) return followReplication(ctx);
    let finished = false;
    const quiet = new AbortController(); // stops the progress loop's sleep when the operation ends
    const done = ctx.poller.pollUntilDone({ abortSignal: ctx.signal }).finally(() => {
        finished = true;
        quiet.abort();
    });
    const progress = (async () => {
        while (!finished) {
            await pause(ctx.intervalSeconds * 1000, quiet.signal);
            if (finished) break;
            try {
                const v = await ctx.client.galleryImageVersions.get(ctx.rg, ctx.names[0], ctx.names[1], ctx.names[2], { expand: "ReplicationStatus" });
                await report(ctx.urn, describeReplication(v));
            } catch {
                // a missed progress report is not a failure of the operation
            }
        }
    })();
    try {
        await done;
        // The operation's final answer has no replication status; read it once with it.
        return record(await ctx.client.galleryImageVersions.get(ctx.rg, ctx.names[0], ctx.names[1], ctx.names[2], { expand: "ReplicationStatus" }));
    } catch (e) {
        // Name the regions that failed, with Azure's own words.
        const v = await ctx.client.galleryImageVersions.get(ctx.rg, ctx.names[0], ctx.names[1], ctx.names[2], { expand: "ReplicationStatus" }).catch(() => undefined);
        const failed = v && replicationFailures(v);
        if (failed && e instanceof Error) e.message = `${e.message}; ${failed}`;
        throw e;
    } finally {
        await progress;
    }
}

export const galleryImageVersionKind: KindAdapter = {
    spec: galleryImageVersionSpec,
    address: [
        { type: "galleries", field: "galleryName" },
        { type: "images", field: "galleryImageName" },
        { type: "versions", field: "galleryImageVersionName" },
    ],
    get: async (c, rg, [g, i, v]) => record(await c.galleryImageVersions.get(rg, g, i, v, { expand: "ReplicationStatus" })),
    put: (c, rg, [g, i, v], m, abortSignal) => asModel(c.galleryImageVersions.createOrUpdate(rg, g, i, v, m as unknown as GalleryImageVersion, { abortSignal })),
    patch: (c, rg, [g, i, v], m, abortSignal) => asModel(c.galleryImageVersions.update(rg, g, i, v, m, { abortSignal })),
    del: (c, rg, [g, i, v], abortSignal) => c.galleryImageVersions.delete(rg, g, i, v, { abortSignal }),
    wait: waitForReplication,
    progress: (m) => describeReplication(m as unknown as GalleryImageVersion),
};

export const kinds = { gallery: galleryKind, galleryImage: galleryImageKind, galleryImageVersion: galleryImageVersionKind };
export type KindName = keyof typeof kinds;
