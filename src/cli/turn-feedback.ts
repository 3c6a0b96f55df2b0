/**
 * What the chat shows while a turn runs, on a terminal: a spinner until the model's first token, then the
 * answer as it streams. Off a terminal nothing is drawn and the answer is printed whole at the end (so a
 * piped transcript stays plain).
 */
import type { AgentEventListener } from "../agent/agent-events.js";
import { answerSoFar } from "../agent/answer-stream.js";
import type { ChatModel, ChatRequest } from "../llm/chat-model.js";
import { writeControl } from "../util/terminal-sink.js";
import { stripControlSequences } from "../util/terminal-text.js";

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

export interface TurnFeedbackOptions {
  /** Draw the spinner (stderr is a terminal). */
  spinner: boolean;
  /** Stream the answer (stdout is a terminal). */
  stream: boolean;
  /** `Agente: ` / `Agent: `: written before the streamed answer. */
  answerPrefix: string;
  writeOut?: (text: string) => void;
  writeErr?: (text: string) => void;
}

export class TurnFeedback {
  private readonly options: TurnFeedbackOptions;
  private readonly writeOut: (text: string) => void;
  private readonly writeErr: (text: string) => void;
  private timer: NodeJS.Timeout | undefined;
  private frame = 0;
  /** The running tool's last progress, drawn after the spinner. */
  private progress = "";
  /** The answer text already written to stdout in this turn. */
  private printed: string | undefined;

  constructor(options: TurnFeedbackOptions) {
    this.options = options;
    this.writeOut = options.writeOut ?? ((text) => process.stdout.write(text));
    this.writeErr = options.writeErr ?? ((text) => writeControl(process.stderr, text));
  }

  /** The model, seen through this view: each call restarts the spinner and streams its text here. */
  watch(model: ChatModel): ChatModel {
    // Off a terminal there is nothing to draw: the model is used as it is.
    if (!this.options.spinner && !this.options.stream) return model;
    return {
      provider: model.provider,
      model: model.model,
      constrainsOutput: model.constrainsOutput,
      check: () => model.check(),
      close: () => model.close(),
      complete: (request: ChatRequest) => {
        this.startSpinner();
        return model.complete({
          ...request,
          onText: (text) => {
            request.onText?.(text);
            this.onText(text);
          },
        });
      },
    };
  }

  /** Agent events stop the spinner first, so a tool line never lands on it. */
  listen(listener: AgentEventListener): AgentEventListener {
    return (event) => {
      if (event.type === "tool_progress") {
        this.showProgress(progressText(event));
        return;
      }
      this.stopSpinner();
      listener(event);
    };
  }

  /** A tool's progress on the spinner line, until the next event clears it. */
  private showProgress(text: string): void {
    if (!this.options.spinner) return;
    this.progress = text;
    this.startSpinner();
  }

  /** Ends the turn: prints what of `line` (the whole answer line) was not streamed yet. */
  finish(answer: string | undefined, line: string): void {
    this.stopSpinner();
    const printed = this.printed;
    this.printed = undefined;
    if (printed === undefined) {
      this.writeOut(`${line}\n`);
      return;
    }
    if (answer?.startsWith(printed)) this.writeOut(`${answer.slice(printed.length)}\n`);
    else this.writeOut(`\n${line}\n`);
  }

  /** The turn failed: clear the spinner, end a half-streamed line. */
  abandon(): void {
    this.stopSpinner();
    if (this.printed !== undefined) this.writeOut("\n");
    this.printed = undefined;
  }

  stopSpinner(): void {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.progress = "";
    this.writeErr("\r\x1b[K");
  }

  private startSpinner(): void {
    if (!this.options.spinner || this.timer !== undefined || this.printed !== undefined) return;
    const draw = () => {
      // A progress text is drawn after the frame, the rest of the line (a longer earlier text) cleared.
      this.writeErr(
        `\r${FRAMES[this.frame % FRAMES.length]} ${this.progress === "" ? "" : `${this.progress}\x1b[K`}`,
      );
      this.frame += 1;
    };
    draw();
    this.timer = setInterval(draw, 80);
    this.timer.unref();
  }

  private onText(text: string): void {
    this.stopSpinner();
    if (!this.options.stream) return;
    const answer = answerSoFar(text);
    if (answer === undefined) return;
    if (this.printed === undefined) {
      this.writeOut(this.options.answerPrefix);
      this.printed = "";
    }
    if (answer.startsWith(this.printed) && answer.length > this.printed.length) {
      this.writeOut(answer.slice(this.printed.length));
      this.printed = answer;
    }
  }
}

/** `tool 3/10 message` (the message cleaned of control sequences, cut to one short line). */
export function progressText(event: {
  tool: string;
  progress: number;
  total?: number;
  message?: string;
}): string {
  const count = event.total === undefined ? String(event.progress) : `${event.progress}/${event.total}`;
  const message =
    event.message === undefined
      ? ""
      : ` ${stripControlSequences(event.message).replace(/\s+/g, " ").slice(0, 60)}`;
  return `${event.tool} ${count}${message}`;
}
