/**
 * Datasets: Hive-partitioned Parquet under `data/<name>/` with a descriptor,
 * imported atomically and streamed partition by partition through DuckDB.
 * @module
 */
export * from "./dataset.ts";
export * from "./dataset_file.ts";
export * from "./load_dataset.ts";
export * from "./partition_label.ts";
export * from "./select_partitions.ts";
export * from "./partition_sql.ts";
export * from "./duckdb.ts";
export * from "./duckdb_bindings.ts";
export * from "./scan_partition.ts";
export * from "./import_dataset.ts";
export type { ImportRelation, InputColumn, TimeSpan } from "./read_input.ts";
export type { ParquetCompression } from "./stage_import.ts";
export { type ParquetColumn, parquetPieces } from "./parquet_write.ts";
export { columnTypeOf } from "./column_type.ts";
export * from "./check_dataset.ts";
export * from "./sql_quote.ts";
export * from "./next_descriptor.ts";
export * from "./scan_partitions.ts";
