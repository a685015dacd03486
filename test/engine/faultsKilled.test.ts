/**
 * The fault matrix, part three: the CLI killed mid-run, as a CI job's timeout kills it, at every
 * kind of step; the next run converges with no code edit (faultMatrix.ts says what every case asserts).
 */
import * as assert from "assert";
import { RequestLogEntry } from "../../emulator/server";
import { RESOURCE_GROUP, SUBSCRIPTION, armId } from "../support/emulator";
import { DriverOptions, EngineDriver, Step } from "./driver";
import { managedImage, stack } from "./stacks";
import { MATRIX, faultMatrix, said, status, versionPath, deploy } from "./faultMatrix";
import { name, ok, plan } from "./runs";

describe(MATRIX, function () {
    const m = faultMatrix();
    const { pipeline, applied, matchesAzure, converges, fault } = m;
    /** A refusal Azure makes at once (no retry): the run that meets it fails. */
    const refused = () => status(403, { code: "AuthorizationFailed" });

    describe("the CLI killed mid-run (a CI job's timeout): the next run converges with no code edit", function () {
        /** Kills the run once Azure has answered the first request `hit` picks out. */
        const killWhen = (s: EngineDriver, hit: (r: RequestLogEntry) => boolean) => {
            m.emulator.onRequest = (r) => {
                if (hit(r) && r.status >= 200 && r.status < 300) {
                    m.emulator.onRequest = undefined;
                    s.kill();
                }
            };
        };
        const killAt = (s: EngineDriver, method: string, path: RegExp) => killWhen(s, (r) => r.method === method && path.test(r.path));

        /** The shared-gallery stack, deployed, then moved to another region: its auto-named gallery is replaced create-before-delete. */
        async function movedPartnerGallery(): Promise<{ s: EngineDriver; oldName: string }> {
            const s = stack("shared-gallery", m.emulator, { subscriptions: JSON.stringify(["44444444-4444-4444-4444-444444444444"]) }, { progressIntervalSeconds: 0.2 });
            const first = await deploy(s);
            ok(first);
            s.config["shared-gallery:location"] = "eastus";
            return { s, oldName: String(first.outputs.galleryName) };
        }

        it("during a create: the version Azure accepted is taken back by its ownership tag, not created again", async () => {
            m.emulator.timing.operationMs = 600;
            const s = pipeline("killedcreate");
            killAt(s, "PUT", versionPath("killedcreate"));
            const killed = await deploy(s);
            assert.strictEqual(killed.error, "the CLI was killed");
            assert.ok(![...s.state.keys()].some((u) => u.endsWith("::version")), "a pending create is not in the checkpoint");
            assert.deepStrictEqual(s.pendingOperations.map((p) => `${name(p.urn)} ${p.type}`), ["version creating"]);
            const tags = (m.emulator.service.get(armId("killedcreate", "app", "1.0.0")) as { tags: Record<string, string> }).tags;
            assert.match(tags["managed-by-pulumi"], /^urn:pulumi:dev::definition::pulumi-nodejs:dynamic\/azure-compute-gallery:GalleryImageVersion::version$/);

            const again = await converges(s, "killedcreate");
            assert.match(again.warnings.join("\n"), /1 pending operations from previous deployment.*\n.*::version, interrupted while creating/);
            assert.match(said(again), /an earlier run of this stack started creating it; taking it back/);
            assert.strictEqual(applied("PUT", versionPath("killedcreate")).length, 1, "created once");
            assert.strictEqual([...s.state.values()].find((r) => r.urn.endsWith("::version"))?.outputs.tags, undefined, "the mark is Azure's, not an output");

            // Pulumi keeps an interrupted create in the checkpoint, and warns of it at every run, until
            // it is cleared, as the failure table says to once the re-run has taken the version back.
            const later = await deploy(s);
            ok(later);
            assert.match(later.warnings.join("\n"), /::version, interrupted while creating/);
            // A refresh neither warns of it nor, unless told to, clears it.
            const refreshed = await s.refresh();
            ok(refreshed);
            assert.deepStrictEqual(refreshed.warnings, []);
            assert.deepStrictEqual(s.pendingOperations.map((p) => `${name(p.urn)} ${p.type}`), ["version creating"]);
            // --clear-pending-creates edits the state before the refresh starts: cleared even when the refresh fails.
            fault("GET", versionPath("killedcreate"), refused(), 1);
            assert.match(String((await s.refresh({ clearPendingCreates: true })).error), /AuthorizationFailed/);
            assert.deepStrictEqual((await deploy(s)).warnings, [], "cleared");
            assert.strictEqual(applied("PUT", versionPath("killedcreate")).length, 1, "still created once");
        });

        /** The pipeline's stack, deployed, then killed once Azure has taken the version's update (a second region). */
        async function killedUpdate(gallery: string, opts: Pick<DriverOptions, "onStep"> = {}): Promise<EngineDriver> {
            const s = pipeline(gallery, {}, opts);
            ok(await deploy(s));
            m.emulator.timing.operationMs = 600;
            s.config["definition:regions"] = JSON.stringify(["westus", "eastus"]);
            killAt(s, "PATCH", versionPath(gallery));
            assert.strictEqual((await deploy(s)).error, "the CLI was killed");
            return s;
        }

        it("during an update: the change Azure accepted is followed, not sent again", async () => {
            /** Kills the run as the first step that it picks out is reported. */
            let killAtStep: ((step: Step) => boolean) | undefined;
            const s: EngineDriver = await killedUpdate("killedupdate", {
                onStep: (step) => {
                    if (!killAtStep?.(step)) return;
                    killAtStep = undefined;
                    s.kill();
                },
            });
            const pending = () => s.pendingOperations.map((p) => `${name(p.urn)} ${p.type}`);
            assert.deepStrictEqual(pending(), ["version updating"]);
            // Killed again before the snapshot manager wrote anything, so the checkpoint that warns is
            // still the one: while the provider is still starting; after same steps only (their writes
            // are elided); during a refresh (its steps are elided too, and what it read is not kept).
            const early = deploy(s);
            s.kill();
            assert.strictEqual((await early).error, "the CLI was killed");
            assert.deepStrictEqual(pending(), ["version updating"]);
            killAtStep = (step) => step.op === "same";
            assert.strictEqual((await deploy(s)).error, "the CLI was killed");
            assert.deepStrictEqual(pending(), ["version updating"], "killed after a same step");
            const before = s.checkpoint();
            killAtStep = (step) => step.op === "refresh";
            assert.strictEqual((await s.refresh()).error, "the CLI was killed");
            assert.deepStrictEqual(pending(), ["version updating"], "killed during a refresh");
            assert.deepStrictEqual(s.checkpoint(), before, "a killed refresh keeps the state it started from");
            const again = await converges(s, "killedupdate");
            assert.match(again.warnings.join("\n"), /1 pending operations from previous deployment.*\n.*::version, interrupted while updating/);
            assert.strictEqual(applied("PATCH", versionPath("killedupdate")).length, 1, "updated once");
        });

        it("during an update, then a run that fails: that run warns, and its checkpoint keeps no interrupted update", async () => {
            const s = await killedUpdate("killedupdatefails");
            // Pulumi writes a failed run's checkpoint too, carrying forward only pending creates.
            fault("GET", versionPath("killedupdatefails"), refused(), 1);
            const failed = await deploy(s);
            assert.match(String(failed.error), /AuthorizationFailed/);
            assert.match(failed.warnings.join("\n"), /::version, interrupted while updating/);
            assert.deepStrictEqual(s.pendingOperations, []);
            assert.deepStrictEqual((await converges(s, "killedupdatefails")).warnings, []);
            assert.strictEqual(applied("PATCH", versionPath("killedupdatefails")).length, 1, "updated once");
        });

        it("during a delete: the next destroy finishes it", async () => {
            const s = pipeline("killeddelete");
            ok(await deploy(s));
            m.emulator.timing.operationMs = 600;
            killAt(s, "DELETE", versionPath("killeddelete"));
            assert.strictEqual((await s.destroy()).error, "the CLI was killed");
            assert.ok([...s.state.keys()].some((u) => u.endsWith("::version")), "a pending delete keeps the resource in the checkpoint");
            const again = await s.destroy();
            ok(again);
            assert.match(again.warnings.join("\n"), /1 pending operations from previous deployment.*\n.*::version, interrupted while deleting/);
            assert.deepStrictEqual([...s.state.keys()], []);
            matchesAzure(s, "killeddelete");
        });

        it("during a delete-before-replace replacement, between the delete and the create", async () => {
            const s = pipeline("killedreplace");
            ok(await deploy(s));
            s.config["definition:sourceId"] = managedImage("app-rebuilt");
            killAt(s, "DELETE", versionPath("killedreplace"));
            assert.strictEqual((await deploy(s)).error, "the CLI was killed");
            const again = await converges(s, "killedreplace");
            assert.match(again.warnings.join("\n"), /1 pending operations from previous deployment.*\n.*::version, interrupted while deleting/);
            assert.deepStrictEqual(plan(again).filter((p) => p.endsWith("version")), ["delete version", "replace version"], "the delete finds it gone, then the create");
            assert.match(JSON.stringify(m.emulator.service.get(armId("killedreplace", "app", "1.0.0"))), /app-rebuilt/);
        });

        it("during a create-before-delete replacement (an auto-named gallery): the stack converges; the gallery made before the kill is left, marked with the stack resource", async () => {
            const { s, oldName } = await movedPartnerGallery();
            const newGallery = (r: RequestLogEntry) => /\/galleries\/([^/]+)$/i.exec(r.path)?.[1];
            killWhen(s, (r) => r.method === "PUT" && newGallery(r) !== undefined && newGallery(r) !== oldName);
            const killed = await deploy(s);
            assert.strictEqual(killed.error, "the CLI was killed");
            const orphan = String(m.emulator.requests.filter((r) => r.method === "PUT" && newGallery(r) && newGallery(r) !== oldName).map(newGallery).pop());
            const again = await s.up();
            ok(again);
            assert.match(again.warnings.join("\n"), /pending operations from previous deployment[\s\S]*::partner-images, interrupted while creating/);
            const newName = String(again.outputs.galleryName);
            assert.ok(![oldName, orphan].includes(newName));
            assert.deepStrictEqual(plan(await s.preview()).filter((p) => !p.startsWith("same ")), []);
            // What Pulumi does for any provider: the killed create is not in the checkpoint. The
            // ownership tag says whose it is, so it can be found and deleted; the stack's own gallery
            // carries the same URN, so the leftover is the one whose name is not the stack's.
            const gallery = (n: string) => m.emulator.service.get(`/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/galleries/${n}`) as { tags: Record<string, string> };
            assert.match(gallery(orphan).tags["managed-by-pulumi"], /::partner-images$/);
            assert.strictEqual(gallery(newName).tags["managed-by-pulumi"], gallery(orphan).tags["managed-by-pulumi"]);
            ok(await s.destroy());
        });

        it("while deleting the old half of a create-before-delete replacement: the next run finishes the delete", async () => {
            const { s, oldName } = await movedPartnerGallery();
            killAt(s, "DELETE", new RegExp(`/galleries/${oldName}`, "i"));
            assert.strictEqual((await deploy(s)).error, "the CLI was killed");
            assert.ok(s.condemned.length > 0, "the checkpoint still holds the old half, to be deleted");
            const again = await s.up();
            ok(again);
            assert.match(again.warnings.join("\n"), /pending operations from previous deployment[\s\S]*, interrupted while deleting/);
            assert.deepStrictEqual(s.condemned, []);
            assert.deepStrictEqual(m.emulator.service.ids().filter((id) => id.includes(`/galleries/${oldName}`)), [], "the old gallery and its image are gone");
            ok(await s.destroy());
        });
    });
});
