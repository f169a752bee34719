import { Worker } from 'node:worker_threads';
import { IntakeError } from './intake-error';

export interface PdfText {
  title?: string;
  /** One entry per page, in page order. */
  pages: string[];
}

export interface PdfTextOptions {
  /** A document that takes longer is given up as unreadable. Default 60 s. */
  timeoutMs?: number;
  /** Heap ceiling for the parse. Default 512 MB. */
  maxMemoryMb?: number;
}

type WorkerAnswer = { ok: true; title?: string; pages: string[] } | { ok: false; name: string; message: string };

/*
 * Runs in the worker: pdf-parse (pdf.js underneath) reads the document and posts the text of each
 * page. It is plain JavaScript handed to the Worker as a string, so the same code runs from the
 * compiled build and under the test runner, and pdf.js's own dynamic import of its worker script
 * happens in a real Node context.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { PDFParse } = require(workerData.modulePath);
(async () => {
  const parser = new PDFParse({ data: workerData.bytes });
  try {
    const text = await parser.getText();
    const { info } = await parser.getInfo();
    const title = info && typeof info.Title === 'string' ? info.Title : undefined;
    parentPort.postMessage({ ok: true, title, pages: text.pages.map((page) => page.text) });
  } catch (error) {
    parentPort.postMessage({ ok: false, name: String(error && error.name), message: String(error && error.message) });
  } finally {
    await parser.destroy();
  }
})();
`;

/**
 * The text of a PDF, page by page, extracted in a worker thread: pdf.js on a hostile or broken
 * file can spin or grow without bound, and a worker is the one place that can be stopped at a
 * deadline (terminate) and capped in memory (resourceLimits) without taking the process down.
 * pdf-parse 2.x is used for its CommonJS build of a current pdf.js that supports Node 20.
 */
export function extractPdfText(bytes: Uint8Array, options: PdfTextOptions = {}): Promise<PdfText> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      // A copy, so the caller's buffer stays usable; the module path is resolved here, where the app's resolution rules apply.
      workerData: { modulePath: require.resolve('pdf-parse'), bytes: Uint8Array.from(bytes) },
      resourceLimits: { maxOldGenerationSizeMb: options.maxMemoryMb ?? 512 },
      // pdf.js warns on the console about fonts and malformed objects: noise in the worker's logs, discarded.
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const unreadable = (reason: string, cause?: unknown) => new IntakeError('UNREADABLE_DOCUMENT', `PDF could not be read: ${reason}`, {}, { cause });
    const timer = setTimeout(() => finish(() => reject(unreadable(`no text after ${timeoutMs} ms`))), timeoutMs);
    worker.once('message', (answer: WorkerAnswer) =>
      finish(() => (answer.ok ? resolve({ title: cleanTitle(answer.title), pages: answer.pages }) : reject(unreadable(`${answer.name}: ${answer.message}`)))),
    );
    worker.once('error', (error) => finish(() => reject(unreadable(error.message, error))));
    worker.once('exit', (code) => finish(() => reject(unreadable(`the parser stopped (exit ${code})`))));
  });
}

function cleanTitle(title: string | undefined): string | undefined {
  const trimmed = title?.replace(/\s+/g, ' ').trim();
  return trimmed ? trimmed : undefined;
}
