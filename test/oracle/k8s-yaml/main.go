// Command k8s-yaml-oracle reads manifests the way Kubernetes does, for the differential tests only.
//
// Input on stdin: one JSON object per line, {"id": "...", "data": "<base64 of the file's bytes>"}.
// Output on stdout: one JSON object per line, {"id": ..., "objects": [...]} with every document
// converted to JSON as kubectl does (documents split by k8s.io/apimachinery's YAMLReader, each
// converted by sigs.k8s.io/yaml; empty and null documents skipped, as kubectl's StreamVisitor
// does), or {"id": ..., "error": "...", "kind": "duplicate"|"invalid"} when Kubernetes rejects it.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"

	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

type request struct {
	ID   string `json:"id"`
	Data []byte `json:"data"`
}

type response struct {
	ID      string            `json:"id"`
	Objects []json.RawMessage `json:"objects"`
	Error   string            `json:"error,omitempty"`
	Kind    string            `json:"kind,omitempty"`
}

func main() {
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	out := json.NewEncoder(os.Stdout)
	for {
		line, err := in.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			var req request
			if jerr := json.Unmarshal(line, &req); jerr != nil {
				os.Stderr.WriteString("bad request: " + jerr.Error() + "\n")
				os.Exit(2)
			}
			if err := out.Encode(convert(req)); err != nil {
				_ = out.Encode(response{ID: req.ID, Error: err.Error(), Kind: "invalid"})
			}
		}
		if err != nil {
			return
		}
	}
}

func convert(req request) response {
	res := response{ID: req.ID, Objects: []json.RawMessage{}}
	var err error
	if utilyaml.IsJSONBuffer(req.Data) {
		res.Objects, err = jsonStream(req.Data)
		if real, rerr := realDecoder(req.Data); err == nil && (rerr != nil || !sameObjects(res.Objects, real)) {
			res.Objects = nil
			res.Error = "oracle model differs from YAMLOrJSONDecoder"
			res.Kind = "oracle"
			return res
		}
	} else {
		res.Objects, err = yamlStream(req.Data)
	}
	if err != nil {
		res.Objects = nil
		res.Error = err.Error()
		res.Kind = "invalid"
		if strings.Contains(res.Error, "already set in map") {
			res.Kind = "duplicate"
		}
	}
	return res
}

// yamlStream splits documents as kubectl does and converts each with the strict converter, which
// rejects duplicate keys.
func yamlStream(data []byte) ([]json.RawMessage, error) {
	reader := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
	objects := []json.RawMessage{}
	for {
		doc, err := reader.Read()
		if errors.Is(err, io.EOF) {
			return objects, nil
		}
		if err != nil {
			return nil, err
		}
		converted, err := yaml.YAMLToJSONStrict(doc)
		if err != nil {
			return nil, err
		}
		// kubectl then decodes the JSON (into unstructured objects), which has its own depth limit.
		var decoded interface{}
		if err := json.Unmarshal(converted, &decoded); err != nil {
			return nil, err
		}
		if keep(converted) {
			objects = append(objects, converted)
		}
	}
}

// jsonStream reads a text that starts with `{` as kubectl's YAMLOrJSONDecoder (apimachinery >= 0.33)
// does: a stream of JSON values; when the first fails the whole text is YAML, when the second fails
// the rest is YAML from the next line on, and after two values a failure is an error. It models the
// decoder so that duplicate keys are checked with the strict converter on every part (JSON is
// YAML), as strict field validation would; the result is then checked against the real decoder.
func jsonStream(data []byte) ([]json.RawMessage, error) {
	decoder := json.NewDecoder(bytes.NewReader(data))
	objects := []json.RawMessage{}
	consumed := int64(0)
	decoded := 0 // values decoded, null ones included, as the decoder counts them
	for {
		var raw json.RawMessage
		err := decoder.Decode(&raw)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if decoded == 0 {
				return yamlStream(data)
			}
			if decoded > 1 {
				return nil, err
			}
			rest, yerr := yamlStream(afterSpaceToNewline(data[consumed:]))
			if yerr != nil {
				return nil, yerr
			}
			return append(objects, rest...), nil
		}
		consumed = decoder.InputOffset()
		decoded++
		// Only the duplicate-key verdict is taken from reading the JSON as YAML: JSON escapes
		// such as \/ are JSON's own, which YAML 1.1 lacks.
		if _, err := yaml.YAMLToJSONStrict(raw); err != nil && strings.Contains(err.Error(), "already set in map") {
			return nil, err
		}
		// kubectl then decodes each value into an unstructured object: a number beyond a float64
		// (1e400) fails there, as it does for YAML in yamlStream.
		var decodedValue interface{}
		if err := json.Unmarshal(raw, &decodedValue); err != nil {
			return nil, err
		}
		if keep(raw) {
			objects = append(objects, raw)
		}
	}
	return objects, nil
}

// afterSpaceToNewline skips whitespace up to and including the first newline, as the decoder does.
func afterSpaceToNewline(data []byte) []byte {
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if !unicode.IsSpace(r) {
			break
		}
		data = data[size:]
		if r == '\n' {
			break
		}
	}
	return data
}

// realDecoder reads the text with apimachinery's YAMLOrJSONDecoder itself (not strict), as kubectl's
// StreamVisitor does, to check the model above.
func realDecoder(data []byte) ([]json.RawMessage, error) {
	decoder := utilyaml.NewYAMLOrJSONDecoder(bytes.NewReader(data), 4096)
	objects := []json.RawMessage{}
	for {
		var raw json.RawMessage
		err := decoder.Decode(&raw)
		if errors.Is(err, io.EOF) {
			return objects, nil
		}
		if err != nil {
			return nil, err
		}
		if keep(raw) {
			objects = append(objects, raw)
		}
	}
}

// sameObjects compares two readings as JSON values.
func sameObjects(a, b []json.RawMessage) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		var x, y interface{}
		xerr, yerr := json.Unmarshal(a[i], &x), json.Unmarshal(b[i], &y)
		// Values no unstructured object can hold (1e400) are compared as text.
		if xerr != nil || yerr != nil {
			if xerr == nil || yerr == nil || !bytes.Equal(bytes.TrimSpace(a[i]), bytes.TrimSpace(b[i])) {
				return false
			}
			continue
		}
		if !reflect.DeepEqual(x, y) {
			return false
		}
	}
	return true
}

func keep(doc []byte) bool {
	trimmed := bytes.TrimSpace(doc)
	return len(trimmed) > 0 && !bytes.Equal(trimmed, []byte("null"))
}
