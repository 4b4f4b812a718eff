module usersig.invalid/interop-go

go 1.21

require github.com/tencentyun/tls-sig-api-v2-golang v1.4.0
