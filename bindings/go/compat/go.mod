// The drop-in against Tencent's module: the benchmark and the cross checks. A module of its
// own, so that the official module is a dependency of these tests only.
module usersig.invalid/compat

go 1.25.0

require (
	github.com/tencentyun/tls-sig-api-v2-golang v1.4.0
	github.com/usersig/usersig/bindings/go v0.0.0
)

require github.com/ebitengine/purego v0.11.3 // indirect

replace github.com/usersig/usersig/bindings/go => ../
