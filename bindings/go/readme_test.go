package usersig_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestReadmeBlocksAreExamples checks that every Go block of the top-level README's Go section
// and of this package's README is, line for line, the body of an example or a function of this
// package's tests (which run, with their output checked).
func TestReadmeBlocksAreExamples(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	section := regexp.MustCompile(`(?s)\n## Go\n(.*?)\n## `).FindSubmatch(readme)
	if section == nil {
		t.Fatal("the README has no Go section")
	}
	own, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	callbacks := regexp.MustCompile(`(?s)\n## Checking Tencent's callbacks\n(.*)`).FindSubmatch(own)
	if callbacks == nil {
		t.Fatal("this package's README has no section on callbacks")
	}
	goBlock := regexp.MustCompile("(?s)```go\n(.*?)```")
	blocks := goBlock.FindAllSubmatch(section[1], -1)
	if len(blocks) < 3 {
		t.Fatalf("%d Go blocks", len(blocks))
	}
	if len(goBlock.FindAllSubmatch(callbacks[1], -1)) < 3 {
		t.Fatal("the section on callbacks has fewer than 3 Go blocks")
	}
	blocks = append(blocks, goBlock.FindAllSubmatch(own, -1)...)
	bodies := map[string]bool{}
	fset := token.NewFileSet()
	for _, file := range []string{"example_test.go", "tencentyun/example_test.go"} {
		source, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		parsed, err := parser.ParseFile(fset, file, source, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range parsed.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			whole := string(source[fset.Position(fn.Pos()).Offset:fset.Position(fn.End()).Offset])
			if fn.Doc != nil {
				whole = string(source[fset.Position(fn.Doc.Pos()).Offset:fset.Position(fn.End()).Offset])
			}
			bodies[normalize(whole)] = true
			inner := string(source[fset.Position(fn.Body.Lbrace).Offset+1 : fset.Position(fn.Body.Rbrace).Offset])
			bodies[normalize(inner)] = true
		}
	}
	for _, block := range blocks {
		if !bodies[normalize(string(block[1]))] {
			t.Errorf("this README block is no example's body:\n%s", block[1])
		}
	}
}

// normalize drops each line's indentation and blank lines.
func normalize(code string) string {
	var lines []string
	for _, line := range strings.Split(code, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			lines = append(lines, line)
		}
	}
	return strings.Join(lines, "\n")
}
