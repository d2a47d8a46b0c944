-- Rotates a refresh token atomically.
-- KEYS[1] presented token, KEYS[2] its successor, KEYS[3] the family (all share the {family} hash tag)
-- The successor and the family live for the family's time to live (field ttl, seconds) from now.
-- Returns {'OK', kind, subject} | {'REUSED', kind, subject} (the family is revoked) | {'INVALID'}
local presented = redis.call('HMGET', KEYS[1], 'kind', 'subject', 'used', 'ttl')
local kind, subject, used, ttl = presented[1], presented[2], presented[3], presented[4]
if not kind then
  return {'INVALID'}
end
if used == '1' then
  -- a token that was already exchanged comes back: someone else holds a copy; end every session of it
  redis.call('DEL', KEYS[3])
  return {'REUSED', kind, subject}
end
if redis.call('EXISTS', KEYS[3]) == 0 then
  return {'INVALID'}
end
redis.call('HSET', KEYS[1], 'used', '1')
redis.call('HSET', KEYS[2], 'kind', kind, 'subject', subject, 'used', '0', 'ttl', ttl)
redis.call('EXPIRE', KEYS[2], ttl)
redis.call('EXPIRE', KEYS[3], ttl)
return {'OK', kind, subject}
