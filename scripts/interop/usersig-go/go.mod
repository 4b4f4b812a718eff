module usersig.invalid/interop-usersig-go

go 1.25.0

require github.com/usersig/usersig/bindings/go v0.0.0

require github.com/ebitengine/purego v0.11.3 // indirect

replace github.com/usersig/usersig/bindings/go => ../../../bindings/go
