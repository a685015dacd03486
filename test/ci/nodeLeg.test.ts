/**
 * `.ci/node-leg modules`: how CI's Node.js 22 and 24 legs take the first leg's node_modules instead
 * of installing the same package-lock.json again. Run on a small repository of its own: the script
 * copied in, a node_modules as npm leaves one (its hidden lockfile, links in .bin, the package's own
 * `file:.` link, a compile cache).
 */
import * as assert from "assert";
import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../../..");

/** Resolves with the exit code once `child` has exited; fails after `ms`, the child killed. */
function exited(child: ChildProcess, ms: number): Promise<number | null> {
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            child.kill("SIGKILL");
            reject(new Error(`still running after ${ms / 1000} s`));
        }, ms);
        child.on("exit", (code) => {
            clearTimeout(timer);
            resolve(code);
        });
    });
}

/** Whether a process is running: not gone, nor a zombie waiting for its parent to reap it. */
function running(pid: number): boolean {
    try {
        return fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1][0] !== "Z";
    } catch {
        return false;
    }
}

describe(".ci/node-leg modules: a Node.js leg takes the first leg's node_modules", function () {
    let repo: string;
    let stamp: string;
    let out: string;
    const lockfile = () => path.join(repo, "node_modules", ".package-lock.json");
    /** npm ci's last write, at `when` (seconds since the epoch). */
    const installed = (when: number) => {
        fs.writeFileSync(lockfile(), "{}\n");
        fs.utimesSync(lockfile(), when, when);
    };

    beforeEach(() => {
        const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "node-leg-"));
        repo = path.join(scratch, "repo");
        out = path.join(scratch, "out");
        fs.mkdirSync(path.join(repo, ".ci"), { recursive: true });
        fs.copyFileSync(path.join(ROOT, ".ci", "node-leg"), path.join(repo, ".ci", "node-leg"));
        fs.chmodSync(path.join(repo, ".ci", "node-leg"), 0o755);
        const nm = path.join(repo, "node_modules");
        fs.mkdirSync(path.join(nm, "dep", "bin"), { recursive: true });
        fs.writeFileSync(path.join(nm, "dep", "package.json"), '{"name":"dep"}\n');
        fs.writeFileSync(path.join(nm, "dep", "bin", "dep.js"), "");
        fs.mkdirSync(path.join(nm, ".bin"));
        fs.symlinkSync("../dep/bin/dep.js", path.join(nm, ".bin", "dep"));
        fs.symlinkSync("..", path.join(nm, "self"));
        fs.mkdirSync(path.join(nm, ".cache", "node-compile-cache"), { recursive: true });
        fs.writeFileSync(path.join(nm, ".cache", "node-compile-cache", "entry"), "");
        // The hidden lockfile of an earlier install, then the stamp .ci/run makes before its npm ci.
        const now = Date.now() / 1000;
        installed(now - 3600);
        stamp = path.join(scratch, "started");
        fs.writeFileSync(stamp, "");
        fs.utimesSync(stamp, now - 60, now - 60);
    });
    afterEach(() => fs.rmSync(path.dirname(repo), { recursive: true, force: true }));

    it("waits for the npm ci that started after the stamp, then copies what it installed, links as links, without the compile cache", async () => {
        const leg = spawn("bash", [path.join(repo, ".ci", "node-leg"), "modules", stamp, out], { stdio: "ignore" });
        const code = exited(leg, 20_000);
        await new Promise((r) => setTimeout(r, 1500));
        assert.ok(!fs.existsSync(path.join(out, "node_modules")), "nothing copied before the install is done");
        installed(Date.now() / 1000);
        assert.strictEqual(await code, 0);
        const copied = path.join(out, "node_modules");
        assert.deepStrictEqual(fs.readdirSync(copied).sort(), [".bin", ".package-lock.json", "dep", "self"]);
        assert.strictEqual(fs.readlinkSync(path.join(copied, "self")), "..", "the package's own link points at the copy, not the repository");
        assert.strictEqual(fs.readlinkSync(path.join(copied, ".bin", "dep")), "../dep/bin/dep.js");
        assert.ok(fs.existsSync(path.join(copied, "dep", "package.json")));
    });

    it("gives up, copying nothing, once the run it waits on has ended without its cleanup", async () => {
        const log = path.join(path.dirname(repo), "leg.log");
        // The run starts the leg in the background and is gone a second later, as a run killed outright.
        const run = spawnSync("bash", ["-c", '"$0" modules "$1" "$2" 2>"$3" </dev/null >/dev/null & echo $!; sleep 1', path.join(repo, ".ci", "node-leg"), stamp, out, log], { encoding: "utf8" });
        const pid = Number(run.stdout.trim());
        assert.ok(pid > 0, run.stderr);
        const deadline = Date.now() + 10_000;
        while (running(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
        const still = running(pid);
        if (still) process.kill(pid, "SIGKILL");
        assert.ok(!still, "the leg still waits for an install no one will make");
        assert.match(fs.readFileSync(log, "utf8"), /the run that was to install it has ended; nothing copied/);
        assert.ok(!fs.existsSync(path.join(out, "node_modules")));
    });
});
