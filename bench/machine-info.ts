/** What the figures were measured on, recorded with them: numbers mean little without it. */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import type { BrokerHttp } from './broker-http.js';

export interface MachineInfo {
  date: string;
  cpus: number;
  cpuModel: string;
  /** 1, 5 and 15 minute load averages when the run started: other work on the machine skews figures. */
  loadAverage: number[];
  totalMemoryMb: number;
  platform: string;
  node: string;
  rabbitmq: string;
  erlang: string;
  /** The commit measured, with "+dirty" when the work tree had changes; "unknown" outside git. */
  commit: string;
}

export async function machineInfo(http: BrokerHttp, repoRoot: string): Promise<MachineInfo> {
  const overview = await http.expect('GET', '/api/overview?columns=rabbitmq_version,erlang_version');
  const versions = JSON.parse(overview.text) as { rabbitmq_version?: string; erlang_version?: string };
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
    totalMemoryMb: Math.round(os.totalmem() / 2 ** 20),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    rabbitmq: versions.rabbitmq_version ?? 'unknown',
    erlang: versions.erlang_version ?? 'unknown',
    commit: gitCommit(repoRoot),
  };
}

function gitCommit(cwd: string): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head}+dirty` : head;
  } catch {
    return 'unknown';
  }
}
