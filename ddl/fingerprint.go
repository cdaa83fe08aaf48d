package ddl

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
)

// Encode writes ops as JSON, one object per operation with its name under
// "op", in a stable form: the same operations always give the same bytes.
func Encode(ops []Op) ([]byte, error) {
	type tagged struct {
		Op   string `json:"op"`
		Args Op     `json:"args"`
	}
	list := make([]tagged, len(ops))
	for i, op := range ops {
		list[i] = tagged{Op: op.opName(), Args: op}
	}
	b, err := json.Marshal(list)
	if err != nil {
		return nil, fmt.Errorf("ddl: encode operations: %w", err)
	}
	return b, nil
}

// Fingerprint is a stable hash of ops ("sha256:<hex>"), used as the checksum
// of a Go migration: editing an operation changes it.
func Fingerprint(ops []Op) (string, error) {
	b, err := Encode(ops)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:]), nil
}

// Name returns the queryInterface method an operation stands for, such as
// "createTable" or "addColumn".
func Name(op Op) string { return op.opName() }
