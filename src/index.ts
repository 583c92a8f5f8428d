import { USER_AGENT } from './version.js'
console.log(USER_AGENT)
