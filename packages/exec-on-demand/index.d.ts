// Types of the stand-in: the functions of @actions/exec it forwards.
export { exec, getExecOutput } from '@actions/exec'
