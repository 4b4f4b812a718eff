<?php

declare(strict_types=1);

namespace Usersig;

/** A Chat callback whose signature, sdkappid and time passed ({@see ChatCallbackVerifier}). */
final class ChatCallback
{
    /** @internal */
    public function __construct(
        /**
         * CallbackCommand (TUILiveKit's WebhookCommand), such as
         * "Group.CallbackAfterNewMemberJoin": which event this is.
         */
        public readonly string $command,
        /** SdkAppid (TUILiveKit's SdkAppId): the application. */
        public readonly int $sdkappid,
        /** RequestTime, in Unix seconds. */
        public readonly int $requestTime,
        /**
         * Every other parameter (contenttype, ClientIP, OptPlatform, and the callback URL's
         * own), in order, percent-decoded, as [name, value] pairs. They are not signed.
         *
         * @var list<array{string, string}>
         */
        public readonly array $params,
    ) {
    }
}
