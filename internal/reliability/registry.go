package main

// Scenario is one check of the reliability suite: ordinary Go tests (and
// fuzz targets) that together keep one item of RELIABILITY.md's plan, or
// one defect of an issue, true. Adding a scenario, or a test to one, is one
// line here; registry_test.go fails when a name here matches no test in
// the tree, or a TestReliability* test is not here.
type Scenario struct {
	ID    string // short and unique: M migrations, S security, R round trips, T transactions, D defects
	Title string
	Plan  string // the RELIABILITY.md 4.2 number(s), e.g. "#1 #5", or "i13 defect 4"

	// Tests run on each of Dialects (nil: all three) and report per
	// dialect through subtests named sqlite, postgres and mysql (dbtest.Each).
	// A reference is "dir/TestName" ("TestName" for the module's root);
	// "dir/TestName@sqlite" is a test of one dialect whose whole run counts
	// for it; tests in a dialect's package count for that dialect.
	Tests    []string
	Dialects []string
	// Offline tests use no database server; their column is "any".
	Offline []string
	// Fuzz targets, "dir/FuzzName", each fuzzed for -fuzztime.
	Fuzz []string
}

var (
	pgOnly    = []string{"postgres"}
	mysqlOnly = []string{"mysql"}
)

// Registry is the suite, in table order.
var Registry = []Scenario{
	// Migration concurrency and locks.
	{ID: "M1", Title: "two migrators race; the loser re-reads state, applies 0", Plan: "#1 #5",
		Tests: []string{"migrate/TestTwoProcessesRace"}},
	{ID: "M2", Title: "8 migrator processes at once, new and existing database", Plan: "#1 #5",
		Tests: []string{"migrate/TestReliabilityConcurrentMigrators"}},
	{ID: "M3", Title: "8 `strata db:migrate` at once, new and existing database", Plan: "#1",
		Tests: []string{"internal/cli/TestReliabilityCLIConcurrentMigrators"}},
	{ID: "M4", Title: "8 migrators on a new SQLite file; lock file safe", Plan: "#1 i12 defect 11",
		Tests: []string{"dialect/sqlitedialect/TestMigratorsOnANewFile", "dialect/sqlitedialect/TestLockFileRemovedSafely"}},
	{ID: "M5", Title: "8 first `strata db:migrate` with Go migrations build once", Plan: "#1 i12 defect 11",
		Tests: []string{"internal/cli/TestConcurrentFirstRuns@sqlite"}},
	{ID: "M6", Title: "lock timeout names the holder, changes nothing", Plan: "#3",
		Tests: []string{"migrate/TestLockTimeout", "migrate/TestLocker"}},
	{ID: "M7", Title: "no-transaction CREATE INDEX CONCURRENTLY under the lock", Plan: "#4", Dialects: pgOnly,
		Tests: []string{"migrate/TestConcurrentIndex"}},
	{ID: "M8", Title: "migrator on a pool of one connection", Plan: "#48",
		Tests: []string{"migrate/TestPoolOfOne"}},
	{ID: "M9", Title: "destructive commands in production refused without --yes-really; nothing run", Plan: "#26",
		Tests: []string{"internal/cli/TestReliabilityProductionGuard"}},

	// Migration failure half-way, kills and lost connections.
	{ID: "M10", Title: "failure at statement 3: rolled back, or recorded (MySQL)", Plan: "#6 #7",
		Tests: []string{"migrate/TestFailureAtThirdStatement", "migrate/TestFailureAtFirstStatement"}},
	{ID: "M11", Title: "half-applied migration repaired with MarkApplied", Plan: "#7 (repair)", Dialects: mysqlOnly,
		Tests: []string{"migrate/TestRepairMarkApplied"}},
	{ID: "M12", Title: "Go migration panics: error, rollback, lock released", Plan: "#9",
		Tests: []string{"migrate/TestPanic"}},
	{ID: "M13", Title: "no-transaction data migration fails at row 51", Plan: "#10",
		Tests: []string{"migrate/TestNoTxPartialData"}},
	{ID: "M28", Title: "a seeder failing at its third table leaves no row and no state row; fixed, runs once", Plan: "#12",
		Tests: []string{"internal/cli/TestReliabilitySeederFailure"}},
	{ID: "M14", Title: "down fails at its second statement", Plan: "#11",
		Tests: []string{"migrate/TestDownFailure"}},
	{ID: "M15", Title: "lock holder killed (SIGKILL) inside a long statement", Plan: "#2 #13",
		Tests: []string{"migrate/TestKilledMidMigration"}},
	{ID: "M16", Title: "SIGKILL before each statement of a Go and a SQL migration", Plan: "#13 #14",
		Tests: []string{"migrate/TestReliabilityKillAtEachStatement"}},
	{ID: "M17", Title: "stopped after the body, before the record", Plan: "#14",
		Tests: []string{"migrate/TestAbandonedAfterBody"}},
	{ID: "M18", Title: "server session killed mid-statement", Plan: "#15", Dialects: []string{"postgres", "mysql"},
		Tests: []string{"migrate/TestReliabilityKilledConnection"}},
	{ID: "M19", Title: "context cancelled mid-migration", Plan: "#46",
		Tests: []string{"migrate/TestCancel"}},

	// Integrity of the migration set.
	{ID: "M20", Title: "tampered histories refused before any SQL", Plan: "#16-#20",
		Tests: []string{"migrate/TestReliabilityTamper"}},
	{ID: "M21", Title: "edited applied migration refused; CRLF/BOM are no edit", Plan: "#16",
		Tests:   []string{"migrate/TestEditedMigration"},
		Offline: []string{"migrate/TestChecksumIgnoresLineEndingsAndBOM", "migrate/TestGoChecksum"}},
	{ID: "M22", Title: "applied migration missing locally", Plan: "#17 #18",
		Tests: []string{"migrate/TestMissingLocally"}},
	{ID: "M23", Title: "out-of-order migration refused, allowed on request", Plan: "#19",
		Tests: []string{"migrate/TestOutOfOrder", "migrate/TestOnlyIsNotOutOfOrder", "migrate/TestFromIsNotOutOfOrder", "migrate/TestMarkAppliedIsNotOutOfOrder"}},
	{ID: "M24", Title: "a name defined twice, bad files: refused at load", Plan: "#20",
		Offline: []string{"migrate/TestCollectErrors"}},
	{ID: "M25", Title: "irreversible down refused before any statement", Plan: "#22",
		Tests: []string{"migrate/TestIrreversible"}, Offline: []string{"ddl/TestIrreversible"}},
	{ID: "M26", Title: "SQLite table rebuild keeps rows, keys and indexes", Plan: "#24",
		Tests: []string{"dialect/sqlitedialect/TestRebuildKeepsEverything", "dialect/sqlitedialect/TestRebuildFailureRollsBack", "migrate/TestRebuildKeepsRows"}},
	{ID: "M27", Title: "migration parser: total, deterministic, CRLF/BOM-blind", Plan: "#55",
		Fuzz: []string{"migrate/FuzzMigrationParser"}},

	// Security and bad input.
	{ID: "S1", Title: "value-injection corpus through the write and read paths", Plan: "#27",
		Tests: []string{"TestInjectionCorpus"}},
	{ID: "S13", Title: "1,378-payload corpus through every entry point (values, JSON maps, names, keys, limits, helpers), canary", Plan: "#27 #32 i13",
		Tests: []string{"TestReliabilityInjectionCorpus", "TestThroughValueOfTheWrongKind"}},
	{ID: "S14", Title: "the corpus through every shop route (path, query, JSON fields): no 500, exact round trips", Plan: "#27 i13",
		Tests: []string{"examples/shop/TestReliabilityInjectionShop"}},
	{ID: "S2", Title: "placeholder tokenizer skips strings, names, comments", Plan: "#29 #53",
		Offline: []string{"internal/query/TestRebind", "internal/query/TestRebindUnterminated"}, Fuzz: []string{"internal/query/FuzzTokenizer"}},
	{ID: "S3", Title: "bad conditions are errors, never a broader query", Plan: "#32 #33",
		Tests:   []string{"TestConditionsNeverWiden", "TestConditionsWithValuesThatDoNotFit"},
		Offline: []string{"internal/query/TestConditionErrors"}},
	{ID: "S4", Title: "where trees agree with an in-memory evaluator (SQLite)", Plan: "#56",
		Offline: []string{"TestWhereDifferential"}, Fuzz: []string{"FuzzWhereDifferential"}},
	{ID: "S5", Title: "DDL, default and expression parsers never panic", Plan: "fuzz",
		Fuzz: []string{"dialect/sqlitedialect/FuzzParse", "dialect/pgdialect/FuzzParseDefault", "dialect/pgdialect/FuzzNormalizeExpr", "gen/FuzzParseAttributes"}},
	{ID: "S6", Title: "a minus before a negative bind is arithmetic, never a -- comment", Plan: "#28",
		Tests: []string{"TestReliabilityDoubleDash"}},
	{ID: "S7", Title: "placeholder-looking values beside Raw binds are bound once (two-stage)", Plan: "#30",
		Tests: []string{"TestReliabilityTwoStageBinds"}},
	{ID: "S8", Title: "hostile names in Order/Select/Omit/Group/Where/Update refused before SQL; Quote round-trips", Plan: "#31",
		Tests: []string{"TestReliabilityIdentifierInjection"}},
	{ID: "S9", Title: "global and zero-key update/delete/restore/increment refused (ErrMissingWhere)", Plan: "#34",
		Tests: []string{"TestReliabilityGlobalWriteGuard"}},
	{ID: "S10", Title: "a primary key of the wrong Go type is a PKTypeError before SQL", Plan: "#36",
		Tests: []string{"TestReliabilityPKTypeConfusion", "TestTypedErrors"}},
	{ID: "S11", Title: "unsafe MySQL options (multiStatements, interpolateParams, allowAllFiles) refused", Plan: "#37",
		Offline: []string{"dialect/mysqldialect/TestParseURLRefuses"}},
	{ID: "S12", Title: "any quoted name is one alias that reads back as itself (SQLite)", Plan: "#52",
		Fuzz: []string{"dialect/sqlitedialect/FuzzQuoteIdent"}},

	// Data round trip.
	{ID: "R1", Title: "times in any zone round-trip; WHERE finds the row", Plan: "#38",
		Tests: []string{"dialect/sqlitedialect/TestORM", "dialect/pgdialect/TestORM", "dialect/mysqldialect/TestORM"}},
	{ID: "R2", Title: "integer, decimal, float, byte, string extremes", Plan: "#39 #41",
		Tests: []string{"dialect/sqlitedialect/TestORM", "dialect/pgdialect/TestORM", "dialect/mysqldialect/TestORM", "TestNarrowTypesRoundTrip", "TestValueLimits", "TestValuesThatDoNotFitOtherWritePaths"}},
	{ID: "R3", Title: "NULL versus zero on every write path", Plan: "#40",
		Tests: []string{"dialect/sqlitedialect/TestORM", "dialect/pgdialect/TestORM", "dialect/mysqldialect/TestORM", "TestNotSetEveryWritePath"}},
	{ID: "R4", Title: "FindOrCreate race makes one row", Plan: "#42",
		Tests: []string{"TestFindOrCreateRace"}},
	{ID: "R5", Title: "Include equals naive N+1 loading", Plan: "#44",
		Tests: []string{"TestIncludeDifferential"}},
	{ID: "R6", Title: "soft-deleted rows hidden everywhere; unique value refused typed; forced Destroy runs hooks", Plan: "#43 (part)",
		Tests: []string{"TestReliabilitySoftDelete", "TestParanoid"}},

	// Transactions and pool.
	{ID: "T1", Title: "panic, error, nested savepoint and cancel in Transaction", Plan: "#45 #46 #50",
		Tests: []string{"TestTransactions"}},
	{ID: "T2", Title: "pool exhausted: deadline, no hang, connections back", Plan: "#48",
		Tests: []string{"TestPoolExhaustion"}},
	{ID: "T3", Title: "SQLite write transactions wait, never SQLITE_BUSY", Plan: "#51",
		Tests: []string{"dialect/sqlitedialect/TestConcurrentWriters"}},
	{ID: "T4", Title: "1,000 abandoned reads (break, hook panic/error, scan error) return their connection", Plan: "#49",
		Tests: []string{"TestReliabilityRowsLeak"}},
	{ID: "T5", Title: "cancel during COMMIT: committed and nil, rolled back and an error, or ErrCommitOutcomeUnknown", Plan: "#47",
		Tests: []string{"TestReliabilityCancelDuringCommit"}},

	// Issue 13's defects, each kept by the tests that failed before its fix.
	{ID: "D1", Title: "a where map's wrong-kind value is converted exactly or refused; never a broader query", Plan: "i13 defect 1",
		Tests: []string{"TestReliabilityWhereMapKinds", "TestReliabilityWhereMapDestroy", "TestReliabilityFieldsSetKinds"}},
	{ID: "D2", Title: "the generators write only what was asked: hostile attributes escaped or refused", Plan: "i13 defect 2",
		Tests:   []string{"internal/cli/TestReliabilityGeneratorInjection"},
		Offline: []string{"gen/TestGenerateRefusesOrEscapes"},
		Fuzz:    []string{"gen/FuzzGenerateModel", "gen/FuzzGenerateMigration"}},
	{ID: "D3", Title: "placeholders counted and rewritten as each server's lexer reads them", Plan: "i13 defect 3 #29",
		Tests:   []string{"TestReliabilityPlaceholderLexers", "TestReliabilityRawSQLRefused"},
		Offline: []string{"internal/query/TestPlaceholderLexers"},
		Fuzz:    []string{"internal/query/FuzzPlaceholders", "internal/sqllex/FuzzLex", "FuzzPlaceholdersServer"}},
	{ID: "D4", Title: "every mapped type at its edges reads back exactly or is refused before SQL", Plan: "i13 defect 4 #39 #41",
		Tests: []string{"TestReliabilityEdgeValues", "TestEmptyBytesReadBackAndSave", "TestDecimalReadsBackAsWritten", "TestDateTextIsCheckedAndConverted",
			"TestWideYearRowKeepsTableReadable", "TestYearOneAndYear9999", "TestNegativeZeroIsTheSameEverywhere"}},
	{ID: "D5", Title: "hostile names are typed errors; a context's end is errors.Is its error at every stage, the statement stopped", Plan: "i13 defect 5 #46 #47",
		Tests: []string{"TestReliabilityHostileNames", "TestReliabilityCancellation"}},
	{ID: "D6", Title: "a negative limit or offset is an error, never the whole table", Plan: "i13 defect 6",
		Tests: []string{"TestReliabilityNegativeLimits"}},
	{ID: "D7", Title: "association writes order their locks; Retry reruns a lost deadlock; the shop under load", Plan: "i13 defect 7",
		Tests: []string{"TestReliabilityAssocLockOrder", "TestReliabilityTransactionRetry", "examples/shop/TestReliabilityShopLoad"}},
	{ID: "D8", Title: "no silent wrong results: Upsert keys, soft-deleted FindOrCreate, state rows, names in case, hints, shop 4xx", Plan: "i13 defect 8",
		Tests: []string{"TestUpsertConflictMustBeAKey", "TestFindOrCreateSoftDeletedKey", "migrate/TestReliabilityMigrateUnknownStatus",
			"migrate/TestReliabilityMigrateNamesDifferInCase", "migrate/TestReliabilityMigrateRecoveryHint", "examples/shop/TestReliabilityShopBadInput"}},
	{ID: "D9", Title: "Go migration functions are checksummed; what cannot be is said in status", Plan: "i13 defect 9",
		Tests: []string{"migrate/TestReliabilityGoFuncChecksum", "internal/cli/TestReliabilityGoFuncEditCLI"}},
}
