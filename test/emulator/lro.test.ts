/** Writes are long-running operations by default, as the service answers them (MUTABILITY.md §5, the official examples). */
import * as assert from "assert";
import { ArmEmulator, startEmulator } from "../../emulator/server";
import { obj } from "../../emulator/json";
import { arm, armDone } from "../support/http";
import { FAST_POLL, RESOURCE_GROUP, SUBSCRIPTION, sdkClient, startTestEmulator } from "../support/emulator";

const galleries = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/galleries`;
const state = (body: object) => obj(obj(body).properties).provisioningState;

describe("long-running operations", function () {
    describe("by default (asynchronous)", () => {
        let emulator: ArmEmulator;
        before(async () => {
            emulator = await startTestEmulator();
        });
        after(async () => emulator.stop());

        it("defaults to a 25 ms operation, and the test emulator asks clients to poll at their own pace (Retry-After: 0)", () => {
            assert.strictEqual(emulator.timing.operationMs, 25);
            assert.strictEqual(emulator.timing.retryAfterSeconds, 0);
        });

        it("PUT answers 201 Creating with Azure-AsyncOperation, Location and Retry-After", async () => {
            const created = await arm(emulator, "PUT", `${galleries}/async1`, { location: "westus" });
            assert.strictEqual(created.status, 201);
            assert.strictEqual(state(created.body), "Creating");
            assert.match(created.headers["azure-asyncoperation"] ?? "", /\/providers\/Microsoft\.Compute\/locations\/westus\/capsOperations\/[0-9a-f-]+\?api-version=2025-03-03$/);
            assert.match(created.headers.location ?? "", /capsOperations\/[0-9a-f-]+\?monitor=true&api-version=2025-03-03$/);
            assert.strictEqual(created.headers["retry-after"], "0");
        });

        it("the SDK drives the whole operation: initial answer, status polls, final GET", async () => {
            const since = emulator.requests.length;
            const g = await sdkClient(emulator).galleries.createOrUpdate(RESOURCE_GROUP, "async4", { location: "westus" }, FAST_POLL);
            assert.strictEqual(g.provisioningState, "Succeeded");
            const log = emulator.requests.slice(since).map((r) => `${r.method} ${/capsOperations/.test(r.path) ? "operation" : "gallery"} ${r.status}`);
            assert.strictEqual(log[0], "PUT gallery 201");
            assert.ok(log.includes("GET operation 200"), log.join(", "));
            assert.strictEqual(log[log.length - 1], "GET gallery 200");
        });
    });

    describe("while an operation runs (operationMs: 300, so every step lands inside it)", () => {
        let emulator: ArmEmulator;
        before(async () => {
            emulator = await startTestEmulator({ operationMs: 300 });
        });
        after(async () => emulator.stop());

        const settle = () => new Promise((r) => setTimeout(r, 350));

        it("a GET sees Creating and the operation InProgress, then Succeeded", async () => {
            const path = `${galleries}/steps1`;
            const created = await arm(emulator, "PUT", path, { location: "westus" });
            const operation = new URL(created.headers["azure-asyncoperation"]).pathname;
            assert.strictEqual(state((await arm(emulator, "GET", path)).body), "Creating");
            assert.strictEqual((await arm(emulator, "GET", operation)).body.status, "InProgress");
            await settle();
            assert.strictEqual((await arm(emulator, "GET", operation)).body.status, "Succeeded");
            assert.strictEqual(state((await arm(emulator, "GET", path)).body), "Succeeded");
        });

        it("PATCH answers 200 Updating with the operation headers; DELETE answers 202 without a body, Deleting until gone", async () => {
            const path = `${galleries}/steps2`;
            await armDone(emulator, "PUT", path, { location: "westus" });
            const patched = await arm(emulator, "PATCH", path, { properties: { description: "d" } });
            assert.deepStrictEqual([patched.status, state(patched.body), typeof patched.headers["azure-asyncoperation"]], [200, "Updating", "string"]);
            await settle();
            const deleting = await arm(emulator, "DELETE", path);
            assert.deepStrictEqual([deleting.status, deleting.body, typeof deleting.headers.location], [202, {}, "string"]);
            assert.strictEqual(state((await arm(emulator, "GET", path)).body), "Deleting");
            await settle();
            assert.strictEqual((await arm(emulator, "GET", path)).status, 404);
        });

        it("a write while an operation runs on the resource is refused (409 OperationNotAllowed)", async () => {
            const path = `${galleries}/steps3`;
            await arm(emulator, "PUT", path, { location: "westus" });
            const clash = await arm(emulator, "PATCH", path, { properties: { description: "too soon" } });
            assert.deepStrictEqual([clash.status, obj(clash.body.error).code], [409, "OperationNotAllowed"]);
        });
    });

    describe("with operationMs: 0 (synchronous, on request)", () => {
        let emulator: ArmEmulator;
        before(async () => {
            emulator = await startTestEmulator({ operationMs: 0 });
        });
        after(async () => emulator.stop());

        it("answers settled writes without operation headers", async () => {
            const path = `${galleries}/sync1`;
            const created = await arm(emulator, "PUT", path, { location: "westus" });
            assert.deepStrictEqual([created.status, state(created.body), created.headers["azure-asyncoperation"]], [201, "Succeeded", undefined]);
            assert.strictEqual((await arm(emulator, "DELETE", path)).status, 200);
        });
    });

    it("startEmulator itself keeps Retry-After at 1 second unless told otherwise", async () => {
        const emulator = await startEmulator({ certDir: process.env.EMULATOR_CERT_DIR, resourceGroups: [`${SUBSCRIPTION}/${RESOURCE_GROUP}`] });
        try {
            const created = await arm(emulator, "PUT", `${galleries}/plain`, { location: "westus" });
            assert.deepStrictEqual([created.status, created.headers["retry-after"]], [201, "1"]);
        } finally {
            await emulator.stop();
        }
    });
});
