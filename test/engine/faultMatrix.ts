/**
 * What the fault-matrix files share (faults*.test.ts): the faults an unattended pipeline meets,
 * through the engine stand-in and Pulumi's real dynamic-provider host against the emulator. Each case
 * asserts what the user sees, that the stack's state matches what Azure holds afterwards, and that
 * running again with the same program converges (and the preview after it is quiet). The matrix is
 * split into files so that its parts run side by side; the "Failure behaviour" table of
 * docs/operations.md summarises it.
 */
import * as assert from "assert";
import { FaultAction } from "../../emulator/faults";
import { ArmEmulator, RequestLogEntry } from "../../emulator/server";
import { startTestEmulator } from "../support/emulator";
import { DriverOptions, EngineDriver, RunResult } from "./driver";
import { name, ok, plan } from "./runs";
import { managedImage, stack } from "./stacks";

/** The matrix's one title: its files report as one block, each part under a title of its own. */
export const MATRIX = "fault matrix: what an unattended `pulumi up` meets, and that a re-run converges";

export const said = (r: RunResult) => r.logs.map((l) => l.message).join("\n");

/** The Azure status poll of a long-running operation (the service's `Azure-AsyncOperation`). */
export const POLL = /\/capsoperations\//i;
export const versionPath = (gallery: string) => new RegExp(`/galleries/${gallery}/images/app/versions/1\\.0\\.0$`, "i");
export const imagePath = (gallery: string) => new RegExp(`/galleries/${gallery}/images/app$`, "i");

/** A throttling or server answer, with `Retry-After: 0` unless said otherwise. */
export const status = (code: number, extra: Partial<Extract<FaultAction, { kind: "status" }>> = {}): FaultAction => ({ kind: "status", status: code, retryAfterSeconds: 0, ...extra });

/**
 * `pulumi up --yes --skip-preview`, as many pipelines run it. A preview sends nothing to Azure, so
 * no fault reaches one; the re-run after a failure keeps its preview, which then meets the state
 * the failure left.
 */
export const deploy = (s: EngineDriver) => s.up({ skipPreview: true });

export interface FaultMatrix {
    /** The emulator of the enclosing `describe`, started before its first case. */
    readonly emulator: ArmEmulator;
    /** The pipeline's stack: a gallery, a definition and a version, in its own gallery. */
    pipeline(galleryName: string, config?: Record<string, string>, opts?: Pick<DriverOptions, "onStep">): EngineDriver;
    /** Requests Azure applied (answered 2xx, or served with the answer lost), by method and path. */
    applied(method: string, path: RegExp, since?: number): RequestLogEntry[];
    /** The stack's state and Azure hold the same resources (ids compared as ARM does, without case), in the same provisioning state. */
    matchesAzure(s: EngineDriver, galleryName: string, opts?: { states?: boolean }): void;
    /** Runs again with the faults gone and the same program: it converges, and the preview after it is quiet. */
    converges(s: EngineDriver, galleryName: string): Promise<RunResult>;
    fault(method: string, path: RegExp, action: FaultAction, times?: number): void;
}

/** Starts an emulator for the enclosing `describe` (faults cleared after each case) and returns the matrix's helpers. */
export function faultMatrix(): FaultMatrix {
    let emulator: ArmEmulator | undefined;
    const em = (): ArmEmulator => {
        if (!emulator) throw new Error("the fault matrix's emulator starts in the describe's before hook");
        return emulator;
    };
    before(async () => {
        emulator = await startTestEmulator({ operationMs: 0, replicationMsPerRegion: 50 });
        emulator.service.registerSource(managedImage("app"), { location: "westus", osDiskSizeGB: 30 });
        emulator.service.registerSource(managedImage("app-rebuilt"), { location: "westus", osDiskSizeGB: 30 });
    });
    afterEach(() => {
        em().faults.clear();
        em().onRequest = undefined;
        Object.assign(em().timing, { operationMs: 0, replicationMsPerRegion: 50 });
    });
    after(() => emulator?.stop());

    const matrix: FaultMatrix = {
        get emulator() {
            return em();
        },
        pipeline: (galleryName, config = {}, opts = {}) =>
            stack("fixtures/definition", em(), { galleryName, osState: "Generalized", sourceId: managedImage("app"), ...config }, { progressIntervalSeconds: 0.2, ...opts }),
        applied: (method, path, since = 0) => em().requests.slice(since).filter((r) => r.method === method && path.test(r.path) && r.status >= 200 && r.status < 300),
        matchesAzure(s, galleryName, opts = {}) {
            const inAzure = em().service.ids().filter((id) => id.toLowerCase().includes(`/galleries/${galleryName.toLowerCase()}`));
            assert.deepStrictEqual([...s.state.values()].map((r) => r.id.toLowerCase()).sort(), inAzure.map((id) => id.toLowerCase()).sort(), "state and Azure hold the same resources");
            if (opts.states === false) return;
            for (const r of s.state.values()) {
                const held = em().service.get(r.id) as { properties: { provisioningState: string } };
                assert.strictEqual(r.outputs.provisioningState, held.properties.provisioningState, `${name(r.urn)}: state and Azure agree`);
            }
        },
        async converges(s, galleryName) {
            em().faults.clear();
            em().onRequest = undefined;
            const again = await s.up();
            ok(again);
            const quiet = await s.preview();
            ok(quiet);
            assert.deepStrictEqual(plan(quiet).filter((p) => !p.startsWith("same ")), [], "nothing left to do");
            matrix.matchesAzure(s, galleryName);
            return again;
        },
        fault: (method, path, action, times) => em().faults.add({ method, path, action, times }),
    };
    return matrix;
}
