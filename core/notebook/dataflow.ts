/**
 * The dataflow graph of a notebook: which cell declares each name, which
 * cells read it, what must re-run after a cell runs, and in what order. It
 * is rebuilt whenever the cells change and read-only once built; the kernel
 * keeps the mutable state (values, statuses) apart from it.
 *
 * @module
 */
import { analyseCell, type CellAnalysis } from "./analyse_cell.ts";

/** A cell as the graph sees it. */
export interface FlowCell {
  /** The cell's id. */
  id: string;
  /** 0-based position in the notebook. */
  index: number;
  /** How messages name the cell, e.g. `cell 3 (line 14)`. */
  label: string;
  /** The analysis of its source. */
  analysis: CellAnalysis;
  /** Names it reads that another cell declares. */
  reads: string[];
  /** Built-in names it reads (and does not declare). */
  builtins: string[];
  /** Ids of the cells declaring what it reads, in document order. */
  parents: string[];
  /** Why it cannot run, whatever its code does (a name declared twice, a cycle). */
  problem?: string;
}

/** A cell's id, source and, for messages, its line in the file. */
export interface SourceCell {
  /** The cell's id. */
  id: string;
  /** Its code. */
  source: string;
  /** 1-based line of the file where its code starts, if known. */
  line?: number;
}

/**
 * Builds the graph of `cells` (in document order). `builtins` are the names
 * the kernel provides.
 *
 * @example
 * ```ts
 * import { Dataflow } from "./dataflow.ts";
 * const flow = new Dataflow([
 *   { id: "a", source: "const x = 1" },
 *   { id: "b", source: "const y = x + 1" },
 *   { id: "c", source: "display(y * x)" },
 * ], new Set(["display"]));
 * if (flow.downstream(["a"]).join() !== "a,b,c" || flow.get("c")?.builtins[0] !== "display") throw new Error();
 * ```
 */
export class Dataflow {
  /** The cells, in document order. */
  readonly cells: readonly FlowCell[];
  readonly #byId = new Map<string, FlowCell>();
  readonly #children = new Map<string, string[]>();

  /** Analyses every cell and links them. */
  constructor(cells: readonly SourceCell[], builtins: ReadonlySet<string>) {
    const declaredBy = new Map<string, FlowCell[]>();
    const flow: FlowCell[] = cells.map((c, index) => {
      const analysis = analyseCell(c.source);
      const label = `cell ${index + 1}` + (c.line === undefined ? "" : ` (line ${c.line})`);
      const cell: FlowCell = {
        id: c.id,
        index,
        label,
        analysis,
        reads: [],
        builtins: [],
        parents: [],
      };
      for (const name of analysis.declares) {
        declaredBy.set(name, [...declaredBy.get(name) ?? [], cell]);
      }
      return cell;
    });
    for (const [name, owners] of declaredBy) {
      if (owners.length < 2) continue;
      for (const cell of owners) {
        const others = owners.filter((o) => o !== cell).map((o) => o.label).join(" and ");
        cell.problem ??= `${name} is declared by ${cell.label} and ${others}: a name may be ` +
          `declared by one cell only; rename one (a name starting with _ stays private to its cell)`;
      }
    }
    for (const cell of flow) {
      const parents = new Set<FlowCell>();
      for (const name of cell.analysis.reads) {
        const owner = declaredBy.get(name)?.[0];
        if (owner && owner !== cell) {
          cell.reads.push(name);
          parents.add(owner);
        } else if (!owner && builtins.has(name)) cell.builtins.push(name);
      }
      cell.parents = [...parents].sort((a, b) => a.index - b.index).map((p) => p.id);
      this.#byId.set(cell.id, cell);
      this.#children.set(cell.id, []);
    }
    for (const cell of flow) for (const p of cell.parents) this.#children.get(p)!.push(cell.id);
    this.cells = flow;
    this.#markCycles();
  }

  /** The cell with this id. */
  get(id: string): FlowCell | undefined {
    return this.#byId.get(id);
  }

  /** Ids of the cells that read what `id` declares, directly. */
  children(id: string): readonly string[] {
    return this.#children.get(id) ?? [];
  }

  /**
   * `ids` and every cell downstream of them, in the order to run them:
   * parents before children, document order between cells that do not
   * depend on each other.
   */
  downstream(ids: Iterable<string>): string[] {
    return this.order(this.#closure(ids, (id) => this.children(id)));
  }

  /** `ids` and every cell upstream of them, in running order. */
  upstream(ids: Iterable<string>): string[] {
    return this.order(this.#closure(ids, (id) => this.get(id)?.parents ?? []));
  }

  /** Sorts a set of cells into running order (cells in a cycle go last, in document order). */
  order(ids: Iterable<string>): string[] {
    const want = new Set([...ids].filter((id) => this.#byId.has(id)));
    const pending = new Map<string, number>();
    for (const id of want) {
      pending.set(id, this.get(id)!.parents.filter((p) => want.has(p)).length);
    }
    const out: string[] = [];
    const ready = () =>
      [...pending].filter(([, n]) => n === 0).map(([id]) => this.get(id)!)
        .sort((a, b) => a.index - b.index)[0];
    for (let next = ready(); next; next = ready()) {
      pending.delete(next.id);
      out.push(next.id);
      for (const child of this.children(next.id)) {
        if (pending.has(child)) pending.set(child, pending.get(child)! - 1);
      }
    }
    const stuck = [...pending.keys()].map((id) => this.get(id)!).sort((a, b) => a.index - b.index);
    return [...out, ...stuck.map((c) => c.id)];
  }

  #closure(ids: Iterable<string>, next: (id: string) => readonly string[]): Set<string> {
    const seen = new Set<string>();
    const stack = [...ids];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id) || !this.#byId.has(id)) continue;
      seen.add(id);
      stack.push(...next(id));
    }
    return seen;
  }

  #markCycles(): void {
    // A cell is in a cycle when it is its own ancestor.
    for (const cell of this.cells) {
      const above = this.#closure(cell.parents, (id) => this.get(id)?.parents ?? []);
      if (!above.has(cell.id)) continue;
      const ring = this.cells.filter((c) =>
        above.has(c.id) &&
        this.#closure(c.parents, (id) => this.get(id)?.parents ?? []).has(cell.id)
      );
      cell.problem ??= `${cell.label} is in a cycle with ${
        ring.filter((c) => c !== cell).map((c) => c.label).join(", ")
      }: each reads a name the other declares (${
        cell.reads.join(", ")
      }); move the shared code into one cell`;
    }
  }
}
