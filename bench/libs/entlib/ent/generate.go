// Package ent is ent's generated client for the shop (schema in ./schema).
// Regenerate with `go generate ./libs/entlib/...` in bench/.
package ent

//go:generate go run -mod=mod entgo.io/ent/cmd/ent generate ./schema
